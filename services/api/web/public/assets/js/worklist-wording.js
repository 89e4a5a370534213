// @ts-check
// What the worklist says it shows: the day in the practice's time zone, and what a search found.
// Pure functions (no DOM), unit-tested in web/test.
import { formatDate } from './format.js';

/**
 * The place of a time zone for people: "America/New_York" → "New York".
 * @param {string} zone - IANA zone
 */
export function zonePlace(zone) {
  return (zone.split('/').at(-1) ?? zone).replaceAll('_', ' ');
}

/**
 * The heading, the sentence saying exactly what the list holds, the date field's label and the
 * "due" figure's label for a day of the list.
 * @param {string} date - the list's day, YYYY-MM-DD in the practice time zone
 * @param {string} today - today, YYYY-MM-DD in the practice time zone
 * @param {string} zone - the practice time zone (IANA)
 */
export function worklistDayText(date, today, zone) {
  const day = formatDate(date);
  const isToday = date === today;
  const time = `practice time, ${zonePlace(zone)}`;
  return {
    heading: isToday ? "Today's follow-ups" : `Follow-ups on ${day}`,
    description:
      `Every open or in-progress follow-up that had arrived by the end of ${day}${isToday ? ' (today)' : ''}, ` +
      `${time}: overdue first, then by due time, then by risk.`,
    dateLabel: `List for ${isToday ? 'today' : day.replace(/ \d{4}$/, '')} (${time})`,
    dueLabel: `due by the end of ${isToday ? 'today' : day.replace(/ \d{4}$/, '')}`,
  };
}

/**
 * What a patient search shows instead of the list.
 * @param {number} count - follow-ups found
 * @param {string} text - what was searched
 * @param {{ more: boolean, status: string, teamLabel: string }} scope - whether more were found than shown, the status filter, the teams searched
 */
export function searchSummaryText(count, text, scope) {
  const found =
    count === 0
      ? `No follow-up matches “${text}”`
      : `${scope.more ? `The newest ${count}` : count} follow-up${count === 1 && !scope.more ? '' : 's'} match “${text}”`;
  const status =
    scope.status === 'open' ? 'not started' : scope.status === 'in_progress' ? 'in progress' : 'every status';
  return `${found}: name, MRN or phone, any date, ${status}, ${scope.teamLabel}. Clear the search (Esc) to see the list again.`;
}
