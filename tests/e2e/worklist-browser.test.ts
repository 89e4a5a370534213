/**
 * Working the list in a real browser on a 1366×768 laptop screen: a navigator of two teams sees one
 * queue of both, at least 12 follow-ups at a glance; finds a patient who is not on the list through
 * the API; and after logging a call opens the next follow-up of the same list with one click or
 * the N key. The pages pass axe-core's WCAG A/AA rules.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam, createUser } from '@adt/db';
import {
  adtMessage,
  axeViolations,
  launchChromium,
  sendHl7,
  signInOnPage,
  desktopContext,
} from './browser-helpers.js';
import { SCREENSHOTS } from './screenshot-dir.js';
import { startTestStack, waitFor, type TestStack } from './stack.js';

const PASSWORD = 'one list for the morning';
const HOUR_MS = 3_600_000;
const VIEWPORT = { width: 1366, height: 768 };

// Invented patients: family^given, diagnoses, disposition (PV1-36), hours since discharge.
const PATIENTS: [string, [string, string][], string, number][] = [
  ['ALVAREZ^ROSA', [['I50.9', 'Heart failure, unspecified']], '01', 40],
  [
    'BECKER^THOMAS',
    [
      ['J44.1', 'COPD with acute exacerbation'],
      ['I10', 'Essential hypertension'],
    ],
    '06',
    30,
  ],
  ['CHOI^MIN', [['N39.0', 'Urinary tract infection']], '01', 28],
  ['DUBOIS^CLAIRE', [['E11.65', 'Type 2 diabetes with hyperglycemia']], '07', 26],
  ['EZE^CHIDI', [['J18.9', 'Pneumonia, unspecified organism']], '01', 24],
  ['FISCHER^ANNA', [['I48.91', 'Atrial fibrillation']], '06', 22],
  ['GARCIA^LUIS', [['K92.2', 'Gastrointestinal hemorrhage']], '01', 20],
  ['HANSEN^ERIK', [['S72.001A', 'Fracture of right femur']], '01', 18],
  ['IBRAHIM^AMAL', [['I63.9', 'Cerebral infarction']], '06', 16],
  ['JONES^MARCUS', [['A41.9', 'Sepsis, unspecified organism']], '01', 14],
  ['KOWALSKI^EWA', [['I21.4', 'NSTEMI']], '01', 12],
  ['LOPEZ^ISABEL', [['J96.01', 'Acute respiratory failure with hypoxia']], '06', 10],
  ['MURPHY^SEAN', [['N17.9', 'Acute kidney failure']], '01', 8],
  ['NAKAMURA^KEN', [['I26.99', 'Pulmonary embolism']], '01', 6],
  ['OKAFOR^GRACE', [['L03.115', 'Cellulitis of right lower limb']], '01', 4],
  ['PATEL^RAVI', [['R55', 'Syncope and collapse']], '01', 2],
];

describe('working the list in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let base = '';
  let listIds: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack('worklistpage');
    base = `http://127.0.0.1:${stack.api.port}`;
    // The first team added is where unrouted follow-ups go; some are moved to the second team below.
    const north = await addTeam(stack.db.pool, { name: 'north', displayName: 'North clinic' });
    const south = await addTeam(stack.db.pool, { name: 'south', displayName: 'South clinic' });
    await addTeam(stack.db.pool, { name: 'east', displayName: 'East clinic' });
    await createUser(stack.db.pool, {
      username: 'jrivera',
      displayName: 'Jo Rivera, RN',
      role: 'navigator',
      teams: [north.name, south.name],
      password: PASSWORD,
    });
    browser = await launchChromium();
    const context = await desktopContext(browser, { viewport: VIEWPORT });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    await browser.close();
    await stack.stop();
  });

  it('the night brings discharges for two teams, and one patient was already called back', async () => {
    const now = Date.now();
    const quinn: (typeof PATIENTS)[number] = ['QUINN^HARPER', [['I10', 'Essential hypertension']], '01', 60];
    const visits = [...PATIENTS, quinn];
    for (const [i, [name, diagnoses, disposition, hoursAgo]] of visits.entries()) {
      const ack = await sendHl7(
        stack.listener.mllpPort,
        adtMessage({
          event: 'A03',
          controlId: `WL-${i + 1}`,
          mrn: `MRN5${String(i + 1).padStart(5, '0')}`,
          name,
          patientClass: 'I',
          service: 'MED',
          visitNumber: `V-WL-${i + 1}`,
          disposition,
          admittedAt: new Date(now - (hoursAgo + 72) * HOUR_MS),
          dischargedAt: new Date(now - hoursAgo * HOUR_MS),
          diagnoses,
        }),
      );
      expect(ack).toBe('AA');
    }
    await waitFor(async () => {
      const made = await stack.db.pool.query<{ count: string }>('SELECT count(*) AS count FROM follow_ups');
      return made.rows[0]?.count === String(visits.length) ? true : undefined;
    }, 20_000);
    await stack.db.pool.query(`UPDATE patients SET phone = '(413) 555-' || lpad((100 + id)::text, 4, '0')`);
    // Every third patient belongs to the south team; one patient of another team is never shown.
    await stack.db.pool.query(
      `UPDATE follow_ups f SET team = 'south' FROM patients p
        WHERE p.id = f.patient_id AND right(p.mrn, 1)::int % 3 = 0`,
    );
    await stack.db.pool.query(
      `UPDATE follow_ups f SET team = 'east' FROM patients p WHERE p.id = f.patient_id AND p.family_name = 'PATEL'`,
    );
    // Two calls are overdue.
    await stack.db.pool.query(
      `UPDATE follow_ups f SET due_at = now() - interval '5 hours' FROM patients p
        WHERE p.id = f.patient_id AND p.family_name IN ('ALVAREZ', 'BECKER')`,
    );
    // Quinn was reached yesterday: closed, so not on today's list.
    await stack.db.pool.query(
      `UPDATE follow_ups f SET status = 'done', status_reason = 'reached', closed_at = now()
         FROM patients p WHERE p.id = f.patient_id AND p.family_name = 'QUINN'`,
    );
  });

  it('shows one queue of both teams, at least 12 follow-ups on a 1366×768 screen', async () => {
    await page.goto(`${base}/`);
    await signInOnPage(page, 'jrivera', PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    const rows = page.locator('#rows tr[data-id]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(PATIENTS.length - 1);
    expect(await page.getByLabel('Team').inputValue()).toBe('');
    expect(await page.locator('#team option:checked').textContent()).toBe('All my teams');
    expect(await page.locator('#rows').textContent()).not.toContain('PATEL');

    await page.screenshot({ path: path.join(SCREENSHOTS, 'worklist.png') });
    // Fully inside the window, without scrolling.
    const boxes = await Promise.all((await rows.all()).map((row) => row.boundingBox()));
    const fullyVisible = boxes.filter((b) => b !== null && b.y >= 0 && b.y + b.height <= VIEWPORT.height);
    expect(fullyVisible.length).toBeGreaterThanOrEqual(12);
    // Still readable: the patient's name at 14 px or more.
    const nameSize = await page.evaluate(
      "parseFloat(getComputedStyle(document.querySelector('#rows .patient-link')).fontSize)",
    );
    expect(nameSize).toBeGreaterThanOrEqual(14);

    // The date filter says what the list holds: the day and the practice time zone.
    expect(await page.locator('#date-label').textContent()).toBe('List for today (practice time, New York)');
    expect(await page.locator('#subtitle').textContent()).toMatch(
      /^Every open or in-progress follow-up that had arrived by the end of \w{3} \d{1,2} \w{3} \d{4} \(today\), practice time, New York/,
    );
    expect(await axeViolations(page)).toEqual([]);
    listIds = await Promise.all(
      (await rows.all()).map(async (row) => (await row.getAttribute('data-id')) ?? ''),
    );
  });

  it('finds a patient who is not on the list through the API, and the list comes back after', async () => {
    const rows = page.locator('#rows tr[data-id]');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/follow-ups?') && r.url().includes('q=quin')),
      page.getByLabel('Find a patient').fill('quin'),
    ]);
    expect(response.status()).toBe(200);
    await page.locator('.search-notice').waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Quinn, Harper');
    expect(await rows.first().locator('.badge-closed').textContent()).toBe('Closed');
    expect(await page.locator('.search-notice').textContent()).toContain('1 follow-up match “quin”');
    expect(await axeViolations(page)).toEqual([]);

    // By MRN too; another team's patient is not found.
    await page.getByLabel('Find a patient').fill('MRN500016');
    await page.locator('.search-notice', { hasText: 'No follow-up matches “MRN500016”' }).waitFor();
    expect(await rows.count()).toBe(0);

    await page.getByLabel('Find a patient').press('Escape');
    await page.locator('.search-notice').waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(PATIENTS.length - 1);
  });

  it('opens the next follow-up of the same list after an action, by click or the N key', async () => {
    const [first, second, third] = listIds;
    page.setDefaultTimeout(8_000);
    await page.locator(`#rows tr[data-id="${first ?? ''}"] .patient-link`).click();
    await page.waitForURL(`${base}/follow-ups/${first ?? ''}`);
    const bar = page.getByRole('navigation', { name: 'Your list' });
    await bar.getByText(`1 of ${listIds.length} on your list`).waitFor();

    await page.getByRole('button', { name: 'Claim this follow-up' }).click();
    await page.getByText('Claimed by you').waitFor();
    await page.getByRole('button', { name: 'No answer' }).click();
    await page.locator('#timeline').getByText('Call attempt — No answer').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await bar.getByRole('link', { name: 'Open next follow-up' }).click();
    await page.waitForURL(`${base}/follow-ups/${second ?? ''}`);
    await bar.getByText(`2 of ${listIds.length} on your list`).waitFor();

    // Closing moves focus to "Open next"; N (outside a field) opens it.
    await page.getByRole('button', { name: 'Claim this follow-up' }).click();
    await page.getByText('Claimed by you').waitFor();
    await page.getByLabel('Outcome').selectOption('reached');
    await page.getByRole('button', { name: 'Close follow-up' }).click();
    await page
      .getByRole('dialog', { name: 'Close this follow-up?' })
      .getByRole('button', { name: 'Close follow-up' })
      .click();
    await page.getByText('This follow-up is closed').waitFor();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('next-follow-up');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('n');
    await page.waitForURL(`${base}/follow-ups/${third ?? ''}`);

    // Back on the list, the filters are as they were and the closed one is gone.
    await page.getByRole('link', { name: '← Back to the worklist' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.locator(`#rows tr[data-id="${first ?? ''}"]`).waitFor();
    expect(await page.locator(`#rows tr[data-id="${second ?? ''}"]`).count()).toBe(0);
  });
});
