// @ts-check
// The frame every signed-in page shares: who is signed in, the navigation, sign-out and password change.
import { api, ApiError, goToSignIn, loadSession, signOut } from './api.js';
import { asyncHandler, h, replace, required, toast } from './dom.js';
import { loadVocabulary } from './vocabulary.js';

/** @typedef {import('./api.js').Session} Session */
/** @typedef {import('./api.js').Who} Who */

/**
 * @typedef {'worklist' | 'census' | 'reports' | 'audit' | 'follow-up' | 'ops' | 'team' | 'sandbox' | 'facilities' | 'webhooks'} Page
 * @typedef {{ name: string, href: string, label: string, shows: (user: Who, page: Page) => boolean }} NavItem
 */

/** The top bar's links, in order, and who sees each: every page draws it from this one list. */
/** @type {NavItem[]} */
const NAV = [
  { name: 'worklist', href: '/', label: 'Worklist', shows: (u) => u.role !== 'ops' },
  { name: 'census', href: '/census', label: 'Census', shows: (u) => u.role !== 'ops' },
  { name: 'reports', href: '/reports', label: 'Reports', shows: (u) => u.role !== 'ops' },
  { name: 'team', href: '/team', label: 'Team', shows: (u) => u.role === 'admin' || u.leads.length > 0 },
  { name: 'ops', href: '/ops', label: 'Operations', shows: (u) => u.role !== 'navigator' },
  { name: 'queues', href: '/ops/queues', label: 'Queue dashboard', shows: (_u, page) => page === 'ops' },
  { name: 'sandbox', href: '/ops/sandbox', label: 'Test feeds', shows: (u) => u.role !== 'navigator' },
  { name: 'facilities', href: '/facilities', label: 'Facilities', shows: (u) => u.role === 'admin' },
  { name: 'webhooks', href: '/webhooks', label: 'Webhooks', shows: (u) => u.role !== 'navigator' },
  { name: 'audit', href: '/audit', label: 'Audit log', shows: (u) => u.role === 'admin' },
];

/** @type {Record<Who['role'], string>} */
const ROLE_NAMES = { navigator: 'Navigator', ops: 'Operations', admin: 'Administrator' };

/**
 * Checks the session (sending the browser to sign in when there is none) and draws the top bar.
 * @param {Page} page - the page being shown
 * @returns {Promise<Session & { user: Who }>}
 */
export async function startShell(page) {
  const session = await loadSession();
  const user = session.user;
  if (!user) {
    goToSignIn();
    throw new Error('not signed in');
  }
  await loadVocabulary();
  replace(
    required('nav.topnav', HTMLElement),
    NAV.filter((item) => item.shows(user, page)).map((item) =>
      h(
        'a',
        { href: item.href, 'data-nav': item.name, 'aria-current': item.name === page ? 'page' : null },
        item.label,
      ),
    ),
  );
  replace(
    required('#user', HTMLElement),
    h(
      'span',
      null,
      h('strong', null, user.displayName),
      ` · ${ROLE_NAMES[user.role]}`,
      user.teams.length > 0 ? ` · ${user.teams.join(', ')}` : '',
    ),
    user.kind === 'session'
      ? h(
          'button.button-quiet',
          {
            type: 'button',
            onclick: () => {
              openPasswordDialog();
            },
          },
          'Change password',
        )
      : null,
    h('button.button-quiet', { type: 'button', onclick: () => void signOut() }, 'Sign out'),
  );
  return /** @type {Session & { user: Who }} */ (session);
}

function openPasswordDialog() {
  const error = h('p.notice.notice-error', { role: 'alert', hidden: true });
  const current = h('input', {
    id: 'pw-current',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const next = h('input', {
    id: 'pw-new',
    type: 'password',
    autocomplete: 'new-password',
    minlength: 12,
    required: true,
  });
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { 'aria-labelledby': 'pw-title' }));
  const form = h(
    'form',
    {
      onsubmit: asyncHandler(async (event) => {
        event.preventDefault();
        try {
          await api('/api/session/password', {
            method: 'POST',
            body: {
              currentPassword: /** @type {HTMLInputElement} */ (current).value,
              newPassword: /** @type {HTMLInputElement} */ (next).value,
            },
          });
          await loadSession();
          dialog.close();
          toast('Password changed. Your other sessions were signed out.');
        } catch (caught) {
          error.textContent =
            caught instanceof ApiError ? caught.message : 'The password could not be changed.';
          error.removeAttribute('hidden');
        }
      }),
    },
    h('h2', { id: 'pw-title' }, 'Change your password'),
    error,
    h('div.field', null, h('label', { for: 'pw-current' }, 'Current password'), current),
    h('div.field', null, h('label', { for: 'pw-new' }, 'New password (at least 12 characters)'), next),
    h(
      'div.toolbar',
      null,
      h('button.button-primary', { type: 'submit' }, 'Change password'),
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            dialog.close();
          },
        },
        'Cancel',
      ),
    ),
  );
  dialog.append(form);
  dialog.addEventListener('close', () => {
    dialog.remove();
  });
  document.body.append(dialog);
  dialog.showModal();
}
