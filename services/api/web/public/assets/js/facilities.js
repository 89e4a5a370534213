// @ts-check
// Facility interface settings for admins: the list, one form to create or change a facility, and
// its interface specification sheet to hand to the hospital.
import { api, ApiError } from './api.js';
import { asyncHandler, h, replace, required, toast } from './dom.js';
import { startShell } from './shell.js';

/** @typedef {import('./api-types.js').Facility} Facility */

const rows = required('#rows', HTMLTableSectionElement);
const notice = required('#notice', HTMLElement);
const form = required('#settings', HTMLFormElement);
const specSection = required('#spec-section', HTMLElement);
const spec = required('#spec', HTMLElement);
const specDownload = required('#spec-download', HTMLAnchorElement);
const showSpec = required('#show-spec', HTMLButtonElement);

const session = await startShell('facilities');

/**
 * Shows an error from the API, or a general one.
 * @param {unknown} error - what was caught
 */
function fail(error) {
  replace(
    notice,
    h(
      'p.notice.notice-error',
      { role: 'alert' },
      error instanceof ApiError ? error.message : 'Something went wrong; try again.',
    ),
  );
}

/**
 * A form control by name.
 * @param {string} name - its name
 */
function control(name) {
  const element = form.elements.namedItem(name);
  if (
    !(element instanceof HTMLInputElement) &&
    !(element instanceof HTMLSelectElement) &&
    !(element instanceof HTMLTextAreaElement)
  )
    throw new Error(`no control ${name}`);
  return element;
}

/**
 * Fills the form with a facility's settings.
 * @param {Facility} f - the facility
 */
function edit(f) {
  control('code').value = f.code;
  control('displayName').value = f.displayName;
  control('mode').value = f.mode;
  control('timeZone').value = f.timeZone ?? '';
  control('processingIds').value = f.processingIds?.join(',') ?? '';
  control('certificateSubject').value = f.certificateSubject ?? '';
  control('certificateFingerprint').value = f.certificateFingerprint ?? '';
  control('ackModeNotes').value = f.ackModeNotes;
  control('code').focus();
}

async function load() {
  const page = /** @type {{ items: Facility[] }} */ (await api('/api/facilities'));
  if (page.items.length === 0) {
    replace(rows, h('tr', null, h('td.empty', { colspan: 6 }, 'No facility has settings yet.')));
    return;
  }
  replace(
    rows,
    ...page.items.map((f) =>
      h(
        'tr',
        null,
        h('td', null, h('strong', null, f.displayName), ` ${f.code}`),
        h('td', null, f.mode === 'test' ? 'Test' : 'Live'),
        h('td', null, f.timeZone ?? 'Practice'),
        h('td', null, f.processingIds?.join(', ') ?? 'Default'),
        h('td', null, f.certificateSubject ?? (f.certificateFingerprint ? 'Fingerprint' : 'Not bound')),
        h(
          'td',
          null,
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                edit(f);
              },
            },
            'Edit',
          ),
        ),
      ),
    ),
  );
}

/** The form as the API takes it: empty fields go back to the installation's settings. */
function body() {
  const text = (/** @type {string} */ name) => control(name).value.trim();
  const orNull = (/** @type {string} */ name) => text(name) || null;
  const ids = text('processingIds');
  return {
    ...(text('displayName') ? { displayName: text('displayName') } : {}),
    mode: text('mode'),
    timeZone: orNull('timeZone'),
    processingIds: ids
      ? ids
          .split(',')
          .map((id) => id.trim().toUpperCase())
          .filter(Boolean)
      : null,
    certificateSubject: orNull('certificateSubject'),
    certificateFingerprint: orNull('certificateFingerprint'),
    ackModeNotes: text('ackModeNotes'),
  };
}

form.addEventListener(
  'submit',
  asyncHandler(async (event) => {
    event.preventDefault();
    const code = control('code').value.trim();
    try {
      await api(`/api/facilities/${encodeURIComponent(code)}`, { method: 'PUT', body: body() });
      replace(notice);
      toast(`Saved ${code}`);
      await load();
    } catch (error) {
      fail(error);
    }
  }),
);

showSpec.addEventListener(
  'click',
  asyncHandler(async () => {
    const code = control('code').value.trim();
    if (!code) {
      control('code').focus();
      return;
    }
    const path = `/api/facilities/${encodeURIComponent(code)}/interface-spec`;
    const response = await fetch(path, { headers: { accept: 'text/markdown' }, credentials: 'same-origin' });
    if (!response.ok) {
      replace(notice, h('p.notice.notice-error', { role: 'alert' }, 'Could not build the interface sheet.'));
      return;
    }
    spec.textContent = await response.text();
    specDownload.href = path;
    specDownload.setAttribute('download', `${code}-interface-spec.md`);
    specSection.hidden = false;
    specSection.scrollIntoView();
  }),
);

if (session.user.role !== 'admin') {
  replace(notice, h('p.notice.notice-error', { role: 'alert' }, 'Facility settings are for administrators.'));
  form.hidden = true;
} else {
  try {
    await load();
  } catch (error) {
    fail(error);
  }
}
