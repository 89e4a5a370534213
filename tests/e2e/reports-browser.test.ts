/**
 * The reports page in a real browser: a month of discharges, ED visits, care actions and
 * readmissions is stored; a navigator opens /reports on the last full month and sees the figures,
 * the charts and the patients behind a figure, every number the same as the API's answer for the
 * same query; the printable monthly summary shows the figures beside the previous month's and no
 * controls on paper. Both pages pass axe-core's WCAG A/AA rules.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dischargeCallDueAt, localDate } from '@adt/adt';
import { addTeam, createUser, ensureTeam, type Queryable } from '@adt/db';
import { axeViolations, launchChromium, signInOnPage, desktopContext } from './browser-helpers.js';
import { SCREENSHOTS } from './screenshot-dir.js';
import { startTestStack, type TestStack } from './stack.js';

const PASSWORD = 'how did we do';
const ZONE = 'America/New_York';
const calendar = { zone: ZONE, holidays: new Set<string>() };
const DAY_MS = 86_400_000;

interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}
interface Figure extends Partial<Rate> {
  id: string;
  count?: number;
  median?: number | null;
  p90?: number | null;
  provisional?: boolean;
  groups?: { contacted_2bd: Rate; not_contacted_2bd: Rate };
}
interface Report {
  from: string;
  to: string;
  measures: Figure[];
}
interface Trend {
  interval: string;
  buckets: { from: string; to: string; measures: Figure[] }[];
  targets: Record<string, { value: number }>;
}

// The page's wording of figures (reports-format.js): whole percent, hours to one decimal.
const percentText = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? 'no data' : `${Math.round(rate * 100)}%`;
const hoursText = (hours: number | null | undefined) =>
  hours === null || hours === undefined ? 'no data' : `${Math.round(hours * 10) / 10} h`;
const RATE_IDS = [
  'tcm_contact_2bd',
  'tcm_outreach_2bd',
  'visit_7d',
  'visit_14d',
  'med_rec_30d',
  'ed_contact_7d',
  'readmit_30d',
];

/** The practice date `days` after the first of a month, at `hour` UTC (morning in New York). */
const at = (month: string, day: number, hour = 15) =>
  new Date(`${month}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`);

async function insertId(db: Queryable, sql: string, values: unknown[]): Promise<string> {
  const { rows } = await db.query<{ id: string }>(sql, values);
  return rows[0]?.id ?? '';
}

/** A stay of a made-up patient, a follow-up for it, and the care actions logged on it. */
async function seedStay(
  db: Queryable,
  s: {
    mrn: string;
    name: [family: string, given: string];
    team: string;
    kind: 'discharge' | 'ed_visit';
    out: Date;
    actions?: [type: string, at: Date, outcome?: string][];
    readmittedAt?: Date;
  },
): Promise<void> {
  const patientId = await insertId(
    db,
    `INSERT INTO patients (mrn, assigning_authority, family_name, given_name) VALUES ($1, 'GENERAL_HOSP', $2, $3) RETURNING id`,
    [s.mrn, s.name[0], s.name[1]],
  );
  const encounterId = await insertId(
    db,
    `INSERT INTO encounters (patient_id, facility, encounter_key, patient_class, admitted_at, discharged_at, disposition)
     VALUES ($1, 'GENERAL_HOSP', gen_random_uuid()::text, $2, $3, $4, '01') RETURNING id`,
    [patientId, s.kind === 'discharge' ? 'I' : 'E', new Date(s.out.getTime() - 2 * DAY_MS), s.out],
  );
  const followUpId = await insertId(
    db,
    `INSERT INTO follow_ups (encounter_id, patient_id, kind, due_at, team, status)
     VALUES ($1, $2, $3, $4, $5, 'in_progress') RETURNING id`,
    [encounterId, patientId, s.kind, dischargeCallDueAt(localDate(s.out, ZONE), calendar), s.team],
  );
  for (const [type, when, outcome] of s.actions ?? []) {
    await db.query(
      `INSERT INTO care_actions (follow_up_id, type, outcome, at, actor, recorded_at) VALUES ($1, $2, $3, $4, 'user:mkhan', $4)`,
      [followUpId, type, outcome ?? null, when],
    );
  }
  if (s.readmittedAt) {
    await db.query(
      `INSERT INTO encounters (patient_id, facility, encounter_key, patient_class, admitted_at)
       VALUES ($1, 'OTHER_HOSP', gen_random_uuid()::text, 'I', $2)`,
      [patientId, s.readmittedAt],
    );
  }
}

describe('reports page in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let base = '';
  let token = '';
  // The last full calendar month in the practice's zone (the page's default period) and the one before.
  let month = '';
  let previous = '';
  let period = { from: '', to: '' };

  async function apiJson<T>(url: string): Promise<T> {
    const response = await stack.get(url, token);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    stack = await startTestStack('reports', { PRACTICE_TZ: ZONE, PRACTICE_HOLIDAYS: '' }, { worker: false });
    base = `http://127.0.0.1:${stack.api.port}`;
    const today = localDate(new Date(), ZONE);
    const firstOfThis = new Date(`${today.slice(0, 7)}-01T12:00:00Z`);
    month = new Date(firstOfThis.getTime() - DAY_MS).toISOString().slice(0, 7);
    previous = new Date(new Date(`${month}-01T12:00:00Z`).getTime() - DAY_MS).toISOString().slice(0, 7);
    const last = new Date(firstOfThis.getTime() - DAY_MS).toISOString().slice(0, 10);
    period = { from: `${month}-01`, to: last };

    const team = (await addTeam(stack.db.pool, { name: 'care' })).name;
    await ensureTeam(stack.db.pool, 'west');
    await createUser(stack.db.pool, {
      username: 'mkhan',
      displayName: 'Mina Khan, RN',
      role: 'navigator',
      teams: [team],
      password: PASSWORD,
    });
    token = await stack.token('navigator', team);
    const db = stack.db.pool;
    const day = (d: number, hour?: number) => at(month, d, hour);
    // A month of discharges, a few each week: contacts in time and late, attempts, visits, med recs.
    await seedStay(db, {
      mrn: 'R-101',
      name: ['ABBOTT', 'ADA'],
      team,
      kind: 'discharge',
      out: day(2),
      actions: [
        ['contact_made', day(3)],
        ['appointment_scheduled', day(3, 16), `${month}-07`],
        ['med_reconciliation', day(8)],
      ],
    });
    await seedStay(db, {
      mrn: 'R-102',
      name: ['BAXTER', 'BEN'],
      team,
      kind: 'discharge',
      out: day(4),
      actions: [
        ['contact_attempt', day(5)],
        ['contact_attempt', day(5, 20)],
      ],
      readmittedAt: day(20),
    });
    await seedStay(db, {
      mrn: 'R-103',
      name: ['CRUZ', 'CARLA'],
      team,
      kind: 'discharge',
      out: day(9),
      actions: [
        ['contact_made', day(10)],
        ['appointment_scheduled', day(10, 16), `${month}-20`],
      ],
    });
    await seedStay(db, {
      mrn: 'R-104',
      name: ['DIAZ', 'DORA'],
      team,
      kind: 'discharge',
      out: day(11),
      actions: [['contact_made', day(17)]],
      readmittedAt: day(25),
    });
    await seedStay(db, {
      mrn: 'R-105',
      name: ['EVANS', 'ELI'],
      team,
      kind: 'discharge',
      out: day(16),
      actions: [
        ['contact_made', day(16, 20)],
        ['med_reconciliation', day(18)],
      ],
    });
    await seedStay(db, { mrn: 'R-106', name: ['FOX', 'FAY'], team, kind: 'discharge', out: day(23) });
    await seedStay(db, {
      mrn: 'R-107',
      name: ['GRAY', 'GUS'],
      team,
      kind: 'ed_visit',
      out: day(12),
      actions: [['contact_made', day(14)]],
    });
    await seedStay(db, { mrn: 'R-108', name: ['HALL', 'HAL'], team, kind: 'ed_visit', out: day(24) });
    // Another team's discharge: not this navigator's.
    await seedStay(db, {
      mrn: 'R-109',
      name: ['IVES', 'IDA'],
      team: 'west',
      kind: 'discharge',
      out: day(10),
    });
    // The month before, for the summary's comparison.
    await seedStay(db, {
      mrn: 'R-110',
      name: ['JONES', 'JO'],
      team,
      kind: 'discharge',
      out: at(previous, 15),
      actions: [['contact_made', at(previous, 16)]],
    });

    browser = await launchChromium();
    const context = await desktopContext(browser, {
      viewport: { width: 1440, height: 1000 },
      timezoneId: ZONE,
    });
    page = await context.newPage();
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await stack.stop();
  });

  it('refuses ops users the page and its API', async () => {
    const ops = await stack.token('ops');
    expect((await stack.get('/reports', ops)).status).toBe(403);
    expect(
      (await stack.get(`/api/reports/measures/trend?from=${period.from}&to=${period.to}`, ops)).status,
    ).toBe(403);
  });

  it('shows the last full month: every figure equals the API answer', async () => {
    await page.goto(`${base}/reports`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await signInOnPage(page, 'mkhan', PASSWORD);
    await page.waitForURL((url) => url.pathname === '/reports');
    expect(await page.title()).toBe('Reports · Follow-up inbox');
    await page.locator('.measure-card').first().waitFor();
    expect(await page.locator('.measure-card').count()).toBe(8);
    expect(await page.inputValue('#from')).toBe(period.from);
    expect(await page.inputValue('#to')).toBe(period.to);
    expect(await page.getByRole('link', { name: 'Reports', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );

    const report = await apiJson<Report>(`/api/reports/measures?from=${period.from}&to=${period.to}`);
    const figure = (id: string) => report.measures.find((m) => m.id === id);
    // The seeded month, counted by hand: 6 discharges of this team, 2 ED visits.
    expect(figure('tcm_contact_2bd')).toMatchObject({ numerator: 3, denominator: 6 });
    expect(figure('tcm_outreach_2bd')).toMatchObject({ numerator: 4, denominator: 6 });
    expect(figure('ed_contact_7d')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(figure('readmit_30d')).toMatchObject({ numerator: 2, denominator: 6 });

    for (const id of RATE_IDS) {
      const card = page.locator(`.measure-card[data-measure="${id}"]`);
      const f = figure(id);
      expect(await card.locator('.figure-rate').textContent()).toBe(percentText(f?.rate));
      expect(await card.locator('.figure-numerator').textContent()).toBe(String(f?.numerator));
      expect(await card.locator('.figure-denominator').textContent()).toBe(String(f?.denominator));
    }
    const hours = figure('first_contact_hours');
    const hoursCard = page.locator('.measure-card[data-measure="first_contact_hours"]');
    expect(await hoursCard.locator('.figure-median').textContent()).toBe(hoursText(hours?.median));
    expect(await hoursCard.locator('.figure-p90').textContent()).toBe(hoursText(hours?.p90));
    expect(await hoursCard.locator('.figure-count-value').textContent()).toBe(String(hours?.count));
    // Readmissions are marked provisional while fewer than 30 days have passed since the month ended.
    const provisional = figure('readmit_30d')?.provisional === true;
    const readmitCard = page.locator('.measure-card[data-measure="readmit_30d"] .provisional');
    expect(await readmitCard.count()).toBe(provisional ? 1 : 0);
    if (provisional) expect(await readmitCard.textContent()).toContain('Provisional');
    expect(await page.locator('.measure-card[data-measure="tcm_contact_2bd"] .provisional').count()).toBe(0);

    // Bars against targets: one bar and one target mark per rate measure, the table the same figures.
    const bars = page.locator('[data-chart="targets"]');
    expect(await bars.locator('rect.chart-bar').count()).toBe(7);
    expect(await bars.locator('line.chart-target').count()).toBe(7);
    const barRows = await bars.locator('tbody tr').allTextContents();
    for (const [i, id] of RATE_IDS.entries()) {
      const f = figure(id);
      expect(barRows[i]).toContain(`${percentText(f?.rate)}${f?.numerator}${f?.denominator}`);
    }
    // The readmission split: contacted within 2 business days or not.
    const split = page.locator('[data-chart="readmission-split"]');
    expect(await split.locator('rect.chart-bar').count()).toBe(2);
    const groups = figure('readmit_30d')?.groups;
    const splitRows = await split.locator('tbody tr').allTextContents();
    expect(splitRows[0]).toContain(
      `${percentText(groups?.contacted_2bd.rate)}${groups?.contacted_2bd.numerator}${groups?.contacted_2bd.denominator}`,
    );
    expect(splitRows[1]).toContain(
      `${percentText(groups?.not_contacted_2bd.rate)}${groups?.not_contacted_2bd.numerator}${groups?.not_contacted_2bd.denominator}`,
    );
  });

  it('shows each figure beside the previous period, and the TCM claim readiness, as the API gives them', async () => {
    const compared = await apiJson<Report & { previous: Report }>(
      `/api/reports/measures?from=${period.from}&to=${period.to}&compare=previous`,
    );
    for (const id of RATE_IDS) {
      const before = compared.previous.measures.find((m) => m.id === id);
      const shown = await page
        .locator(`.measure-card[data-measure="${id}"] .figure-previous-value`)
        .textContent();
      expect(shown).toBe(
        `${percentText(before?.rate)} (${String(before?.numerator)} of ${String(before?.denominator)})`,
      );
    }
    const readiness = await apiJson<{ summary: Record<string, number> }>(
      `/api/reports/tcm-readiness?from=${period.from}&to=${period.to}`,
    );
    // The month's 6 discharge follow-ups of this team, each judged for a TCM claim.
    expect(readiness.summary.total).toBe(6);
    for (const [key, value] of Object.entries(readiness.summary)) {
      expect(await page.locator(`#tcm-summary [data-readiness="${key}"]`).textContent()).toBe(String(value));
    }
  });

  it('narrows every figure to a kind and a risk', async () => {
    await page.selectOption('#kind', 'ed_visit');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'ed_visit');
    const edOnly = await apiJson<Report>(
      `/api/reports/measures?from=${period.from}&to=${period.to}&kind=ed_visit`,
    );
    const tcm = edOnly.measures.find((m) => m.id === 'tcm_contact_2bd');
    expect(tcm?.denominator).toBe(0);
    // The cards are drawn again from the narrowed answer: wait for that, not for the old cards.
    const denominatorIs = (id: string, value: number) =>
      expect
        .poll(() => page.locator(`.measure-card[data-measure="${id}"] .figure-denominator`).textContent())
        .toBe(String(value));
    await denominatorIs('tcm_contact_2bd', 0);
    expect(
      await page.locator('.measure-card[data-measure="ed_contact_7d"] .figure-denominator').textContent(),
    ).toBe('2');
    await page.selectOption('#kind', '');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL((url) => !url.searchParams.has('kind'));
    await denominatorIs('tcm_contact_2bd', 6);
  });

  it('draws the weekly trend of every rate measure with the API figures of each week', async () => {
    const trend = await apiJson<Trend>(
      `/api/reports/measures/trend?from=${period.from}&to=${period.to}&interval=week`,
    );
    // Four ISO weeks at least (a February starting on a Monday), usually five or six.
    expect(trend.buckets.length).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#trend-interval').textContent()).toBe('week');
    for (const id of RATE_IDS) {
      const chart = page.locator(`[data-chart="trend-${id}"]`);
      expect(await chart.locator('svg[role="img"]').count()).toBe(1);
      expect(await chart.locator('g.chart-bucket').count()).toBe(trend.buckets.length);
      const weekly = trend.buckets.map((b) => b.measures.find((m) => m.id === id));
      const withData = weekly.filter((f) => f?.rate !== null && f?.rate !== undefined);
      expect(await chart.locator('circle.chart-point').count()).toBe(withData.length);
      const rows = await chart.locator('tbody tr').allTextContents();
      expect(rows).toHaveLength(trend.buckets.length);
      for (const [i, f] of weekly.entries()) {
        expect(rows[i]).toContain(`${percentText(f?.rate)}${f?.numerator}${f?.denominator}`);
      }
      expect(await chart.locator('line.chart-target').count()).toBe(1);
    }
  });

  it('lists the patients behind a figure', async () => {
    const members = await apiJson<{ items: { followUpId: string; inNumerator: boolean }[] }>(
      `/api/reports/measures/tcm_contact_2bd/members?from=${period.from}&to=${period.to}`,
    );
    await page.locator('.measure-card[data-measure="tcm_contact_2bd"] .figure-count').click();
    await page.locator('#members:not([hidden])').waitFor();
    const rows = page.locator('#members-rows tr[data-member]');
    expect(await rows.count()).toBe(6);
    const shown: (string | null)[] = [];
    for (const row of await rows.all()) shown.push(await row.getAttribute('data-member'));
    expect(shown).toEqual(members.items.map((m) => m.followUpId));
    expect(await page.locator('#members-rows tr[data-in-numerator="true"]').count()).toBe(
      members.items.filter((m) => m.inNumerator).length,
    );
    expect(await page.locator('#members-rows').textContent()).toContain('ABBOTT, ADA');
    expect(await page.locator('#members-rows').textContent()).not.toContain('IVES');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports.png'), fullPage: true });
    // The CSV download is the same query as JSON, one row per measure.
    const href = (await page.locator('#csv-link').getAttribute('href')) ?? '';
    // The navigator's one team is chosen, so it is in every query of the page.
    expect(href).toBe(`/api/reports/measures?from=${period.from}&to=${period.to}&team=care&format=csv`);
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(csv.split(/\r?\n/)[0]).toMatch(/^id,numerator,denominator,rate/);
  });

  it('has no accessibility violations (axe-core, WCAG 2.1 A and AA)', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('prints without the filters and controls', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('.measure-card').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('draws a 12-month period month by month', async () => {
    await page.selectOption('#preset', 'last-12-months');
    await page.locator('#trend-interval', { hasText: 'month' }).waitFor();
    expect(await page.inputValue('#to')).toBe(period.to);
    const from = await page.inputValue('#from');
    const report = await apiJson<Report>(`/api/reports/measures?from=${from}&to=${period.to}&team=care`);
    const contact = report.measures.find((m) => m.id === 'tcm_contact_2bd');
    // This month's six discharges and the one of the month before.
    expect(contact).toMatchObject({ numerator: 4, denominator: 7 });
    const card = page.locator('.measure-card[data-measure="tcm_contact_2bd"]');
    await card.locator('.figure-denominator', { hasText: '7' }).waitFor();
    expect(await card.locator('.figure-rate').textContent()).toBe(percentText(contact?.rate));
    expect(await page.locator('[data-chart="trend-tcm_contact_2bd"] g.chart-bucket').count()).toBe(12);
    expect(new URL(page.url()).searchParams.get('from')).toBe(from);
  });

  it('gives a printable monthly summary beside the previous month, with no controls on paper', async () => {
    expect(await page.locator('#print-link').getAttribute('href')).toBe(
      `/reports/print?month=${month}&team=care`,
    );
    await page.locator('#print-link').click();
    await page.waitForURL((url) => url.pathname === '/reports/print');
    await page.locator('#summary-rows tr').first().waitFor();
    const current = await apiJson<Report>(`/api/reports/measures?from=${period.from}&to=${period.to}`);
    const lastDay = new Date(new Date(`${month}-01T12:00:00Z`).getTime() - DAY_MS).toISOString().slice(0, 10);
    const before = await apiJson<Report>(`/api/reports/measures?from=${previous}-01&to=${lastDay}`);
    for (const id of RATE_IDS) {
      const row = page.locator(`#summary-rows tr[data-measure="${id}"]`);
      for (const [cell, answer] of [
        ['.summary-current', current],
        ['.summary-previous', before],
      ] as const) {
        const f = answer.measures.find((m) => m.id === id);
        expect(await row.locator(cell).textContent()).toContain(
          `${percentText(f?.rate)} (${f?.numerator} of ${f?.denominator})`,
        );
      }
    }
    // The month before had one discharge, contacted the next day.
    expect(
      await page.locator('#summary-rows tr[data-measure="tcm_contact_2bd"] .summary-previous').textContent(),
    ).toBe('100% (1 of 1)');
    expect(await page.locator('[data-chart="targets"] rect.chart-bar').count()).toBe(7);
    expect(await page.locator('.trend-grid figure.chart').count()).toBe(7);
    expect(await axeViolations(page)).toEqual([]);

    await page.emulateMedia({ media: 'print' });
    const visibleControls = await page
      .locator('button, input, select, textarea, a, summary')
      .evaluateAll(
        (elements) =>
          elements.filter((e) => (e as unknown as { checkVisibility: () => boolean }).checkVisibility())
            .length,
      );
    expect(visibleControls).toBe(0);
    expect(await page.locator('h1').textContent()).toBe('Follow-up program: monthly summary');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });
});
