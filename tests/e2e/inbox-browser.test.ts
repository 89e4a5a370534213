import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MllpClient } from '@adt/cli';
import { appendCareAction, createUser, resolveDefaultTeam, userActor } from '@adt/db';
import { ackCodeFromAck } from '@adt/hl7';
import { hl7TestMessage } from '@adt/testing';
import { SCREENSHOTS } from './screenshot-dir.js';
import { startTestStack, waitFor, type TestStack } from './stack.js';
import { hl7Time, launchChromium, desktopContext } from './browser-helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const A03 = path.join(ROOT, 'tests/fixtures/adt-a03-inpatient-discharge.hl7');
const PASSWORD = 'morning coffee first';
const HOUR_MS = 3_600_000;

/** Runs the operator CLI from source with a password on stdin, as an admin would. */
function cli(
  args: string[],
  env: Record<string, string>,
  stdin: string,
): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@adt/source', '--import', 'tsx', 'packages/cli/src/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? 1, stdout });
    });
    child.stdin.end(stdin);
  });
}

interface Visit {
  event: 'A03' | 'A04';
  controlId: string;
  mrn: string;
  name: string;
  birthDate: string;
  sex: 'F' | 'M';
  phone: string;
  patientClass: 'I' | 'E' | 'O';
  service: string;
  visitNumber: string;
  disposition: string;
  admittedAt: Date;
  dischargedAt?: Date;
  diagnoses: [string, string][];
}

/** An ADT message for a made-up patient, shaped like the fixture from GENERAL_HOSP. */
function adt(v: Visit): string {
  const eventAt = hl7Time(v.dischargedAt ?? v.admittedAt);
  const emergency = v.patientClass === 'E';
  return hl7TestMessage({
    controlId: v.controlId,
    event: v.event,
    at: eventAt,
    msh: { 5: 'ADT_FOLLOWUP', 9: `ADT^${v.event}^ADT_A01` },
    pid: {
      3: `${v.mrn}^^^GENERAL_HOSP^MR`,
      5: v.name,
      7: v.birthDate,
      8: v.sex,
      11: '12 MAIN ST^^SPRINGFIELD^MA^01103',
      13: v.phone,
    },
    pv1: {
      2: v.patientClass,
      3: emergency ? 'ED^05^A^GENERAL_HOSP' : '3EAST^301^A^GENERAL_HOSP',
      4: emergency ? 'E' : 'U',
      7: '2201^PATEL^ANIKA^^^^MD',
      10: v.service,
      18: emergency ? 'ER' : 'IN',
      19: v.visitNumber,
      36: v.disposition,
      39: 'GENERAL_HOSP',
      44: hl7Time(v.admittedAt),
      45: v.dischargedAt ? hl7Time(v.dischargedAt) : '',
    },
    segments: v.diagnoses.map(
      ([code, text], i) => `DG1|${i + 1}||${code}^${text}^I10||${hl7Time(v.admittedAt)}|A`,
    ),
  });
}

describe('navigator inbox in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let base = '';
  let adminToken = '';

  async function send(message: string): Promise<void> {
    const client = await MllpClient.connect('127.0.0.1', stack.listener.mllpPort);
    try {
      expect(ackCodeFromAck(await client.send(message)).code).toBe('AA');
    } finally {
      await client.close();
    }
  }

  async function worklistMrns(): Promise<string[]> {
    const response = await stack.get('/api/worklist?limit=1000', adminToken);
    const body = (await response.json()) as { items: { patient: { mrn: string } }[] };
    return body.items.map((f) => f.patient.mrn);
  }

  async function followUpIdOf(mrn: string): Promise<string> {
    const found = await stack.db.pool.query<{ id: string }>(
      'SELECT f.id FROM follow_ups f JOIN patients p ON p.id = f.patient_id WHERE p.mrn = $1',
      [mrn],
    );
    const id = found.rows[0]?.id;
    if (!id) throw new Error(`no follow-up for ${mrn}`);
    return id;
  }

  beforeAll(async () => {
    stack = await startTestStack('inbox');
    base = `http://127.0.0.1:${stack.api.port}`;
    adminToken = await stack.token('admin');
    browser = await launchChromium();
    const context = await desktopContext(browser, { acceptDownloads: true });
    // The worklist polls every 15 s; a second is enough to see a new follow-up arrive here.
    await context.addInitScript("sessionStorage.setItem('worklist-refresh-ms', '1000')");
    page = await context.newPage();
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await stack.stop();
  });

  it('an admin creates the navigator with the CLI', async () => {
    const created = await cli(
      ['user', 'create', 'jrivera', '--role', 'navigator', '--name', 'Jo Rivera, RN', '--password-stdin'],
      { DATABASE_URL: stack.config.databaseUrl },
      `${PASSWORD}\n`,
    );
    expect(created.code).toBe(0);
    // A colleague on the same team, to show a claim by someone else.
    await createUser(stack.db.pool, {
      username: 'sortiz',
      displayName: 'Sam Ortiz, RN',
      role: 'navigator',
      teams: [await resolveDefaultTeam(stack.db.pool, stack.config.practice.defaultTeam)],
      password: PASSWORD,
    });
  });

  it('the morning: an A03 over MLLP and the night’s other events become follow-ups', async () => {
    const now = Date.now();
    await send((await readFile(A03, 'utf8')).trimEnd());
    await send(
      adt({
        event: 'A03',
        controlId: 'E2E-0002',
        mrn: 'MRN200871',
        name: 'OKAFOR^JAMES^A',
        birthDate: '19480922',
        sex: 'M',
        phone: '^PRN^PH^^^617^5550199',
        patientClass: 'I',
        service: 'MED',
        visitNumber: 'V-E2E-0002',
        disposition: '07',
        admittedAt: new Date(now - 4 * 24 * HOUR_MS),
        dischargedAt: new Date(now - 14 * HOUR_MS),
        diagnoses: [
          ['J44.1', 'Chronic obstructive pulmonary disease with acute exacerbation'],
          ['I10', 'Essential hypertension'],
        ],
      }),
    );
    await send(
      adt({
        event: 'A04',
        controlId: 'E2E-0003',
        mrn: 'MRN310442',
        name: 'CHEN^LINDA',
        birthDate: '19610405',
        sex: 'F',
        phone: '^PRN^PH^^^413^5550178',
        patientClass: 'E',
        service: 'EM',
        visitNumber: 'V-E2E-0003',
        disposition: '',
        admittedAt: new Date(now - 2 * HOUR_MS),
        diagnoses: [['R07.9', 'Chest pain, unspecified']],
      }),
    );
    await send(
      adt({
        event: 'A03',
        controlId: 'E2E-0004',
        mrn: 'MRN118305',
        name: 'NGUYEN^THANH',
        birthDate: '19570117',
        sex: 'M',
        phone: '^PRN^PH^^^413^5550111',
        patientClass: 'O',
        service: 'OBS',
        visitNumber: 'V-E2E-0004',
        disposition: '01',
        admittedAt: new Date(now - 30 * HOUR_MS),
        dischargedAt: new Date(now - 3 * HOUR_MS),
        diagnoses: [['I48.91', 'Unspecified atrial fibrillation']],
      }),
    );
    const mrns = await waitFor(async () => {
      const listed = await worklistMrns();
      return listed.length >= 4 ? listed : undefined;
    }, 10_000);
    expect(mrns).toEqual(expect.arrayContaining(['MRN100234', 'MRN200871', 'MRN310442', 'MRN118305']));
    // A colleague already took the ED patient.
    await appendCareAction(stack.db.pool, {
      followUpId: await followUpIdOf('MRN310442'),
      type: 'claim',
      outcome: null,
      note: null,
      at: new Date(),
      actor: userActor('sortiz'),
    });
    // …and tried the COPD patient once overnight.
    await appendCareAction(stack.db.pool, {
      followUpId: await followUpIdOf('MRN200871'),
      type: 'contact_attempt',
      outcome: 'no_answer',
      note: null,
      at: new Date(),
      actor: userActor('sortiz'),
    });
  });

  it('signs in through the page and sees the follow-up in the list, overdue first', async () => {
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Username').fill('jrivera');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sign-in.png') });
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const rows = page.locator('#rows tr[data-id]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(4);
    const first = rows.first();
    expect(await first.locator('.patient-link').textContent()).toBe('Rivera, Maria Elena');
    expect(await first.locator('.badge-overdue').textContent()).toMatch(/^Overdue \d+ days?$/);
    expect(await first.textContent()).toContain('(413) 555-0142');
    expect(await first.textContent()).toContain('I50.9');
    const ed = rows.filter({ hasText: 'Chen, Linda' });
    expect(await ed.textContent()).toContain('In ED now');
    expect(await ed.locator('.claimant').textContent()).toContain('Sam Ortiz, RN');
    expect(await rows.filter({ hasText: 'Okafor, James A' }).textContent()).toContain('1 failed attempt');
    expect(await page.locator('#user').textContent()).toContain('Jo Rivera, RN');

    // Keyboard: "/" goes to the search box; typing finds the patient through the API.
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('find');
    await page.keyboard.type('okafor');
    await page.locator('.search-notice').waitFor();
    expect(await rows.count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await rows.count()).toBe(4);
    await page.locator('main').click({ position: { x: 5, y: 5 } });

    // On a tablet held upright the rows become cards.
    await page.setViewportSize({ width: 820, height: 1180 });
    expect(await page.locator('.worklist thead').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'worklist-tablet.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('exports the same list as CSV and prints without the controls', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    const mrnColumn = (lines[0] ?? '').split(',').indexOf('MRN');
    const shown = await Promise.all(
      (await page.locator('#rows tr[data-id]').all()).map((row) => row.getAttribute('data-id')),
    );
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(shown);
    expect(lines.slice(1).map((line) => line.split(',')[mrnColumn])[0]).toBe('MRN100234');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('#print-heading').textContent()).toContain('printed');
    expect(await page.locator('#print-heading').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows a new follow-up without a reload when the next message arrives', async () => {
    await send(
      (await readFile(A03, 'utf8'))
        .trimEnd()
        .replaceAll('MRN100234', 'MRN555001')
        .replaceAll('V20261114-0042', 'V20261115-0077')
        .replace('GH00012345', 'GH00099999')
        .replace('RIVERA^MARIA^ELENA', 'GARCIA^ROSA'),
    );
    const arrived = page.locator('#rows tr[data-id]', { hasText: 'Garcia, Rosa' });
    await arrived.waitFor({ timeout: 10_000 });
    expect(await page.locator('#rows tr[data-id]').count()).toBe(5);
    expect(await page.locator('#announce').textContent()).toBe('1 new follow-up on the list');
  });

  it('opens the follow-up, claims it, logs contact attempts, and shows the TCM deadlines', async () => {
    await page.locator('#rows tr[data-id]').first().locator('.patient-link').click();
    await page.waitForURL(/\/follow-ups\/\d+$/);
    await page.getByRole('heading', { name: 'Rivera, Maria Elena' }).waitFor();
    // The title lands in history, tab lists and screen shares: it names the follow-up, not the patient.
    expect(await page.title()).toMatch(/^Follow-up \d+ · Follow-up inbox$/);
    expect(await page.locator('main').textContent()).toContain('Interactive contact due (TCM)');
    expect(await page.locator('main').textContent()).toContain('Face-to-face visit due by');
    expect(await page.locator('main').textContent()).toContain('Heart failure, unspecified');
    // Navigators do not see raw HL7.
    expect(await page.getByRole('button', { name: 'Show HL7' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Claim this follow-up' }).click();
    await page.getByText('Claimed by you').waitFor();
    await page.getByRole('button', { name: 'No answer' }).click();
    await page.locator('#timeline').getByText('Call attempt — No answer').waitFor();
    await page.getByLabel('Note (optional)').fill('Daughter answered the second number: try after 2 pm.');
    await page.getByRole('button', { name: 'Left voicemail' }).click();
    await page.locator('#timeline').getByText('Call attempt — Left voicemail').waitFor();
    expect(await page.locator('main').textContent()).toContain('2 failed attempts');
    expect(await page.locator('main').textContent()).toContain('Two attempts documented');
    await page.locator('.toast').waitFor({ state: 'hidden' });

    await page.screenshot({ path: path.join(SCREENSHOTS, 'follow-up.png'), fullPage: true });
  });

  it('closes it after confirming: the action log and the list reflect it', async () => {
    await page.getByLabel('Outcome').selectOption('unreachable');
    await page.getByRole('button', { name: 'Close follow-up' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close this follow-up?' });
    expect(await dialog.textContent()).toContain('Outcome: Unable to reach after attempts');
    await dialog.getByRole('button', { name: 'Close follow-up' }).click();
    await page.getByText('This follow-up is closed').waitFor();
    const timeline = await page.locator('#timeline').textContent();
    expect(timeline).toContain('Closed — Unable to reach after attempts');
    expect(await page.getByRole('button', { name: 'Close follow-up' }).count()).toBe(0);

    const id = await followUpIdOf('MRN100234');
    const log = await stack.db.pool.query<{ type: string; outcome: string | null; actor: string }>(
      'SELECT type, outcome, actor FROM care_actions WHERE follow_up_id = $1 ORDER BY id',
      [id],
    );
    expect(log.rows).toEqual([
      { type: 'claim', outcome: null, actor: 'user:jrivera' },
      { type: 'contact_attempt', outcome: 'no_answer', actor: 'user:jrivera' },
      { type: 'contact_attempt', outcome: 'voicemail', actor: 'user:jrivera' },
      { type: 'close', outcome: 'unreachable', actor: 'user:jrivera' },
    ]);

    await page.getByRole('link', { name: '← Back to the worklist' }).click();
    await page.locator('#rows tr[data-id]').first().waitFor();
    const names = await page.locator('#rows .patient-link').allTextContents();
    expect(names).not.toContain('Rivera, Maria Elena');
    expect(names).toHaveLength(4);

    const audit = await stack.db.pool.query<{ action: string; resource: string }>(
      "SELECT DISTINCT action, resource FROM audit_log WHERE actor = 'user:jrivera'",
    );
    expect(audit.rows.map((r) => `${r.action}:${r.resource}`)).toEqual(
      expect.arrayContaining(['sign_in:session', 'list:worklist', 'export:worklist', 'read:follow_up']),
    );
  });

  it('asks before taking over a colleague’s follow-up, naming them, and logs the take-over', async () => {
    const id = await followUpIdOf('MRN310442');
    await page.goto(`${base}/follow-ups/${id}`);
    await page.getByRole('heading', { name: 'Chen, Linda' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Claimed by Sam Ortiz, RN');

    await page.getByRole('button', { name: 'Take over from Sam Ortiz, RN' }).click();
    const dialog = page.getByRole('dialog', { name: 'Take over this follow-up?' });
    expect(await dialog.textContent()).toContain('Sam Ortiz, RN is working on this follow-up');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'take-over.png') });
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    const claims = () =>
      stack.db.pool.query<{ actor: string; previous_holder: string | null }>(
        "SELECT actor, previous_holder FROM care_actions WHERE follow_up_id = $1 AND type = 'claim' ORDER BY id",
        [id],
      );
    expect((await claims()).rows).toEqual([{ actor: 'user:sortiz', previous_holder: null }]);

    await page.getByRole('button', { name: 'Take over from Sam Ortiz, RN' }).click();
    await dialog.getByRole('button', { name: 'Take over from Sam Ortiz, RN' }).click();
    await page.getByText('Claimed by you').waitFor();
    await page.locator('#timeline').getByText('Took over from Sam Ortiz, RN').waitFor();
    expect((await claims()).rows).toEqual([
      { actor: 'user:sortiz', previous_holder: null },
      { actor: 'user:jrivera', previous_holder: 'user:sortiz' },
    ]);
  });

  it('a page opened before a colleague claimed the follow-up asks instead of taking it silently', async () => {
    const id = await followUpIdOf('MRN118305');
    await page.goto(`${base}/follow-ups/${id}`);
    await page.getByRole('heading', { name: 'Nguyen, Thanh' }).waitFor();
    // Sam claims it while the page is open.
    await appendCareAction(stack.db.pool, {
      followUpId: id,
      type: 'claim',
      outcome: null,
      note: null,
      at: new Date(),
      actor: userActor('sortiz'),
    });
    await page.getByRole('button', { name: 'Claim this follow-up' }).click();
    const dialog = page.getByRole('dialog', { name: 'Take over this follow-up?' });
    expect(await dialog.textContent()).toContain('Sam Ortiz, RN is working on this follow-up');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Claimed by Sam Ortiz, RN').waitFor();
    const mine = await stack.db.pool.query(
      "SELECT 1 FROM care_actions WHERE follow_up_id = $1 AND actor = 'user:jrivera'",
      [id],
    );
    expect(mine.rowCount).toBe(0);
  });

  it('explains the close rules, closes after confirming, and reopens', async () => {
    const id = await followUpIdOf('MRN200871');
    await page.goto(`${base}/follow-ups/${id}`);
    await page.getByRole('heading', { name: 'Okafor, James A' }).waitFor();
    const closeButton = page.locator('.actions-card').getByRole('button', { name: 'Close follow-up' });
    const problem = page.locator('#close-problem');

    // One attempt overnight: not enough to close as unable to reach (TCM asks for two).
    await page.getByLabel('Outcome').selectOption('unreachable');
    await closeButton.click();
    await problem.waitFor();
    expect(await problem.getAttribute('role')).toBe('alert');
    expect(await problem.textContent()).toContain(
      'needs at least 2 logged call attempts (TCM), and one is logged',
    );
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'close-refused.png') });
    // Nor is the server fooled by a page that skips the check.
    const refused = await page.evaluate(async (followUpId) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch(`/api/follow-ups/${followUpId}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ type: 'close', outcome: 'unreachable' }),
      });
      return { status: response.status, body: (await response.json()) as { error: string } };
    }, id);
    expect(refused).toMatchObject({ status: 409, body: { error: 'too_few_attempts' } });

    // "Other" needs a closing note.
    await page.getByLabel('Outcome').selectOption('other');
    await closeButton.click();
    await page.getByText('write a closing note saying why').waitFor();
    await page.getByLabel('Closing note').fill('Moved to his daughter’s in Ohio; new practice there.');
    await closeButton.click();
    const dialog = page.getByRole('dialog', { name: 'Close this follow-up?' });
    expect(await dialog.textContent()).toContain('Outcome: Other (see note)');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    const status = async () =>
      (await stack.db.pool.query<{ status: string }>('SELECT status FROM follow_ups WHERE id = $1', [id]))
        .rows[0]?.status;
    expect(await status()).toBe('in_progress');
    await closeButton.click();
    await dialog.getByRole('button', { name: 'Close follow-up' }).click();
    await page.getByText('This follow-up is closed (other)').waitFor();
    expect(await status()).toBe('done');

    // Closed by mistake: reopen it. The close stays in the timeline.
    await page.getByRole('button', { name: 'Reopen follow-up' }).click();
    const reopen = page.getByRole('dialog', { name: 'Reopen this follow-up?' });
    await reopen.getByRole('button', { name: 'Reopen follow-up' }).click();
    await page.locator('#timeline').getByText('Reopened').waitFor();
    expect(await page.locator('#timeline').textContent()).toContain('Closed — Other (see note)');
    expect(await status()).toBe('in_progress');
    expect(await page.locator('.actions-card').count()).toBe(1);
  });

  it('does not follow a sign-in link to another site', async () => {
    // The browser drops the TAB: "/\t/evil.example" would be "//evil.example", another host.
    await page.goto(`${base}/sign-in?next=/%09/evil.example`);
    await page.waitForURL((url) => url.pathname === '/');
    expect(new URL(page.url()).origin).toBe(new URL(base).origin);
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/sign-in`);
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('an admin sees the raw HL7 behind a follow-up and who read it in the audit log', async () => {
    await createUser(stack.db.pool, {
      username: 'pat',
      displayName: 'Pat Lee',
      role: 'admin',
      password: PASSWORD,
    });
    await page.goto(`${base}/follow-ups/${await followUpIdOf('MRN100234')}`);
    await page.getByLabel('Username').fill('pat');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Rivera, Maria Elena' }).waitFor();
    await page.getByRole('button', { name: 'Show HL7' }).click();
    const raw = await page.getByLabel('Raw HL7 message').textContent();
    expect(raw).toMatch(/^MSH\|\^~\\&\|EPIC\|GENERAL_HOSP/);
    expect(raw).toContain('\nPID|1||MRN100234');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Who').fill('user:jrivera');
    // The unfiltered list is on the page until the filtered answer arrives and is drawn.
    const filtered = page.waitForResponse(
      (r) => r.url().includes('/api/audit?') && r.url().includes('actor=user%3Ajrivera'),
    );
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/actor=user%3Ajrivera/);
    await filtered;
    const rows = page.locator('#rows tr');
    await expect
      .poll(
        async () => (await rows.count()) > 0 && (await rows.filter({ hasNotText: 'jrivera' }).count()) === 0,
      )
      .toBe(true);
    const text = await page.locator('#rows').textContent();
    for (const action of ['sign in', 'list', 'read', 'export']) expect(text).toContain(action);
    expect(await rows.filter({ hasText: 'pat' }).count()).toBe(0);
    // One page of entries: no "older" button.
    expect(await page.getByRole('button', { name: 'Show older entries' }).count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'audit.png') });
  });
});
