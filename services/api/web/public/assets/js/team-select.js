// @ts-check
import { api } from './api.js';
import { h, replace } from './dom.js';

/**
 * Fills a team filter: the user's own teams, or for an admin every team and "All teams". It is
 * disabled when there is nothing to choose.
 * @param {HTMLSelectElement} select
 * @param {import('./api.js').Who} me - the signed-in user
 * @param {string | null} wanted - the team named in the page's URL, chosen when it is offered
 * @param {{ allTeams?: boolean }} [options] - `allTeams`: the page lists several teams at once, so
 *   a navigator of several teams is offered "All my teams" first (the default)
 */
export async function fillTeamSelect(select, me, wanted, options = {}) {
  /** @type {{ value: string, label: string }[]} */
  let teams = me.teams.map((team) => ({ value: team, label: team }));
  if (options.allTeams === true && teams.length > 1) {
    teams = [{ value: '', label: 'All my teams' }, ...teams];
  }
  if (me.role === 'admin') {
    const found = /** @type {{ items: { name: string, displayName: string }[] }} */ (await api('/api/teams'));
    teams = [
      { value: '', label: 'All teams' },
      ...found.items.map((t) => ({
        value: t.name,
        label: t.displayName ? `${t.displayName} (${t.name})` : t.name,
      })),
    ];
  }
  replace(select, ...teams.map((t) => h('option', { value: t.value }, t.label)));
  if (wanted !== null && teams.some((t) => t.value === wanted)) select.value = wanted;
  select.disabled = teams.length < 2;
}
