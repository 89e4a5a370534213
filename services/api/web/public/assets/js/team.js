// @ts-check
// The team view of a lead: open escalations (each acknowledged here or reassigned by a hand-off on
// the follow-up), work per navigator and the unclaimed work, from GET /api/teams/:team/overview
// (audited). Only a team's leads and admins may open it.
import { api, ApiError } from './api.js';
import { h, replace, required, requiredAll, toast } from './dom.js';
import { formatDateTime, kindLabel } from './format.js';
import { startShell } from './shell.js';

/**
 * @typedef {{ actor: string, username: string | null, displayName: string, member: boolean, lead: boolean, openClaimed: number, overdue: number, closedToday: number }} Workload
 * @typedef {{ id: string, followUpId: string, escalatedAt: string, ageMinutes: number, dueAt: string, kind: 'discharge' | 'ed_visit', holder: { actor: string, name: string } | null, patientName: string }} EscalationItem
 * @typedef {{ team: string, escalateOverdueAfterMinutes: number, navigators: Workload[], unclaimed: { open: number, overdue: number }, escalations: { items: EscalationItem[], total: number } }} Overview
 */

const teamSelect = required('#team', HTMLSelectElement);
const [notice, rule] = requiredAll(HTMLElement, ['#notice', '#escalation-rule']);
const [escalationRows, workloadRows] = requiredAll(HTMLTableSectionElement, [
  '#escalation-rows',
  '#workload-rows',
]);

const session = await startShell('team');
const zone = session.practiceTimeZone;
const me = session.user;

await fillTeams();
teamSelect.addEventListener('change', () => void load());
await load();

/** The teams this user may look at: the ones they lead, or every team for an admin. */
async function fillTeams() {
  /** @type {{ value: string, label: string }[]} */
  let teams = me.leads.map((team) => ({ value: team, label: team }));
  if (me.role === 'admin') {
    const found = /** @type {{ items: { name: string, displayName: string }[] }} */ (await api('/api/teams'));
    teams = found.items.map((t) => ({
      value: t.name,
      label: t.displayName ? `${t.displayName} (${t.name})` : t.name,
    }));
  }
  replace(teamSelect, ...teams.map((t) => h('option', { value: t.value }, t.label)));
  const wanted = new URLSearchParams(window.location.search).get('team');
  if (wanted !== null && teams.some((t) => t.value === wanted)) teamSelect.value = wanted;
  teamSelect.disabled = teams.length < 2;
}

/**
 * A duration for people: minutes, hours or days.
 * @param {number} minutes
 */
function age(minutes) {
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return `${Math.floor(minutes / (24 * 60))} days ago`;
}

/** @param {unknown} error */
function showError(error) {
  replace(
    notice,
    h(
      'p.notice.notice-error',
      { role: 'alert' },
      error instanceof ApiError ? error.message : 'Could not load the team view.',
    ),
  );
}

async function load() {
  const team = teamSelect.value;
  if (!team) {
    replace(
      notice,
      h('p.notice', null, 'You lead no team. An administrator names leads with adt team lead.'),
    );
    return;
  }
  window.history.replaceState(null, '', `/team?team=${encodeURIComponent(team)}`);
  try {
    const overview = /** @type {Overview} */ (await api(`/api/teams/${encodeURIComponent(team)}/overview`));
    replace(notice);
    draw(overview);
  } catch (error) {
    showError(error);
  }
}

/** @param {Overview} overview */
function draw(overview) {
  const hours = overview.escalateOverdueAfterMinutes / 60;
  rule.textContent = `A follow-up overdue by more than ${
    Number.isInteger(hours) ? `${hours} h` : `${overview.escalateOverdueAfterMinutes} min`
  } is escalated here (not while the patient is in hospital). Acknowledge it, or hand it to a colleague from the follow-up.`;
  const items = overview.escalations.items;
  if (items.length === 0) {
    replace(escalationRows, h('tr', null, h('td.empty', { colspan: 5 }, 'No open escalations.')));
  } else {
    replace(escalationRows, ...items.map(escalationRow));
  }
  const rows = overview.navigators.map((n) =>
    h(
      'tr',
      null,
      h('th', { scope: 'row' }, n.displayName, n.lead ? ' (lead)' : '', n.member ? '' : ' (not on the team)'),
      h('td', null, String(n.openClaimed)),
      h('td', null, n.overdue > 0 ? h('strong', null, String(n.overdue)) : '0'),
      h('td', null, String(n.closedToday)),
    ),
  );
  rows.push(
    h(
      'tr',
      null,
      h('th', { scope: 'row' }, h('em', null, 'Unclaimed')),
      h('td', null, String(overview.unclaimed.open)),
      h(
        'td',
        null,
        overview.unclaimed.overdue > 0 ? h('strong', null, String(overview.unclaimed.overdue)) : '0',
      ),
      h('td', null, '–'),
    ),
  );
  replace(workloadRows, ...rows);
}

/** @param {EscalationItem} item */
function escalationRow(item) {
  return h(
    'tr',
    { 'data-escalation': item.id },
    h(
      'th',
      { scope: 'row' },
      h(
        'a',
        { href: `/follow-ups/${encodeURIComponent(item.followUpId)}` },
        item.patientName || 'Unnamed patient',
      ),
      h('div.subtitle', null, kindLabel(item.kind)),
    ),
    h('td', null, formatDateTime(item.dueAt, zone)),
    h('td', null, age(item.ageMinutes)),
    h('td', null, item.holder ? item.holder.name : h('em', null, 'Unclaimed')),
    h(
      'td',
      null,
      h(
        'button.button-primary',
        {
          type: 'button',
          'aria-label': `Acknowledge the escalation of ${item.patientName || 'this follow-up'}`,
          onclick: (/** @type {Event} */ event) =>
            void acknowledge(item, /** @type {HTMLButtonElement} */ (event.currentTarget)),
        },
        'Acknowledge',
      ),
    ),
  );
}

/**
 * @param {EscalationItem} item
 * @param {HTMLButtonElement} button
 */
async function acknowledge(item, button) {
  button.disabled = true;
  try {
    await api(`/api/escalations/${encodeURIComponent(item.id)}/acknowledge`, { method: 'POST' });
    toast('Escalation acknowledged.');
    await load();
  } catch (error) {
    button.disabled = false;
    showError(error);
  }
}
