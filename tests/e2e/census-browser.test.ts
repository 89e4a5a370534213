/**
 * The census page in a real browser: admissions, an ED arrival, a discharge to a skilled nursing
 * facility, a death, a cancelled visit and a clinic visit arrive over MLLP; the navigator sees who
 * is in hospital, who went to post-acute care and why the others have no follow-up. The page
 * passes axe-core's WCAG A/AA rules.
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
  type AdtVisit,
  desktopContext,
} from './browser-helpers.js';
import { SCREENSHOTS } from './screenshot-dir.js';
import { startTestStack, waitFor, type TestStack } from './stack.js';

const PASSWORD = 'who is in today';
const HOUR_MS = 3_600_000;

describe('census page in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let base = '';
  let adminToken = '';
  let sequence = 0;

  type Visit = Pick<AdtVisit, 'mrn' | 'name' | 'visitNumber' | 'patientClass' | 'admittedAt'>;
  /** A patient's visit: MRN, name (`FAMILY^GIVEN`), visit number, patient class and admission. */
  const visit = (
    mrn: string,
    name: string,
    visitNumber: string,
    patientClass: string,
    admittedAt: Date,
  ): Visit => ({ mrn, name, visitNumber, patientClass, admittedAt });

  /** Sends one event of a visit over MLLP, with what else the message says; it must be accepted. */
  async function send(
    event: string,
    of: Visit,
    more: Omit<AdtVisit, 'controlId' | 'event' | keyof Visit> = {},
  ): Promise<void> {
    sequence += 1;
    const ack = await sendHl7(
      stack.listener.mllpPort,
      adtMessage({ ...of, ...more, event, controlId: `CENSUS-${sequence}` }),
    );
    expect(ack).toBe('AA');
  }

  beforeAll(async () => {
    stack = await startTestStack('census');
    base = `http://127.0.0.1:${stack.api.port}`;
    adminToken = await stack.token('admin');
    await createUser(stack.db.pool, {
      username: 'mkhan',
      displayName: 'Mina Khan, RN',
      role: 'navigator',
      // The first team added is the default team: every patient here is routed to it.
      teams: [(await addTeam(stack.db.pool, { name: 'care' })).name],
      password: PASSWORD,
    });
    browser = await launchChromium();
    const context = await desktopContext(browser, { viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await stack.stop();
  });

  it('the feed brings admissions, discharges and cancellations', async () => {
    const now = Date.now();
    const ago = (hours: number) => new Date(now - hours * HOUR_MS);
    await send('A01', visit('MRN400100', 'BAKER^HELEN', 'V-C-1', 'I', ago(30)), {
      service: 'MED',
      diagnoses: [['J18.9', 'Pneumonia, unspecified organism']],
    });
    await send('A04', visit('MRN400200', 'ORTEGA^LUIS', 'V-C-2', 'E', ago(2)), {
      diagnoses: [['R07.9', 'Chest pain, unspecified']],
    });
    await send('A03', visit('MRN400300', 'SIMMS^ROSE', 'V-C-3', 'I', ago(6 * 24)), {
      disposition: '03',
      dischargedAt: ago(20),
      diagnoses: [['S72.001A', 'Fracture of right femur']],
    });
    await send('A03', visit('MRN400400', 'GRANT^WALTER', 'V-C-4', 'I', ago(4 * 24)), {
      disposition: '20',
      dischargedAt: ago(10),
    });
    const cancelled = visit('MRN400500', 'PRICE^ANN', 'V-C-5', 'I', ago(8));
    await send('A01', cancelled);
    await send('A11', cancelled, { at: ago(7) });
    await send('A04', visit('MRN400600', 'LEE^DANA', 'V-C-6', 'O', ago(3)), { service: 'CLN' });
    // Processed when every message is: the worker applies them in the background.
    await waitFor(async () => {
      const pending = await stack.db.pool.query<{ count: string }>(
        "SELECT count(*) AS count FROM inbound_messages WHERE status <> 'processed'",
      );
      return pending.rows[0]?.count === '0' ? true : undefined;
    }, 15_000);
    const response = await stack.get('/api/census', adminToken);
    expect(response.status).toBe(200);
  });

  it('signs in and shows who is in hospital, who went to post-acute care, and why no follow-up', async () => {
    await page.goto(`${base}/census`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await signInOnPage(page, 'mkhan', PASSWORD);
    await page.waitForURL((url) => url.pathname === '/census');
    // The title lands in history and tab lists: it names the page, never a patient.
    expect(await page.title()).toBe('Census · Follow-up inbox');

    const inHospital = page.locator('#in-hospital-rows tr[data-encounter]');
    await inHospital.first().waitFor();
    expect(await inHospital.count()).toBe(2);
    const admitted = inHospital.filter({ hasText: 'Baker, Helen' });
    expect(await admitted.textContent()).toContain('Inpatient');
    expect(await admitted.textContent()).toContain('Pneumonia, unspecified organism');
    expect(await admitted.textContent()).toContain('3EAST, room 301, bed A');
    const ed = inHospital.filter({ hasText: 'Ortega, Luis' });
    expect(await ed.textContent()).toContain('ED');
    expect(await ed.textContent()).toContain('Chest pain, unspecified');

    const postAcute = page.locator('#post-acute-rows tr[data-encounter]');
    expect(await postAcute.count()).toBe(1);
    expect(await postAcute.first().textContent()).toContain('Simms, Rose');
    expect(await postAcute.first().textContent()).toContain('a skilled nursing facility');

    const reasons: Record<string, string | null> = {};
    for (const row of await page.locator('#no-follow-up-rows tr[data-encounter]').all()) {
      const name = (await row.locator('strong').textContent()) ?? '';
      reasons[name] = await row.locator('.census-reason').getAttribute('data-reason');
    }
    expect(reasons).toEqual({
      'Baker, Helen': 'in_hospital',
      'Simms, Rose': 'post_acute',
      'Grant, Walter': 'expired',
      'Price, Ann': 'cancelled',
      'Lee, Dana': 'not_eligible_class',
    });
    expect(await page.locator('#no-follow-up-rows').textContent()).toContain('Visit cancelled');
    expect(await page.getByRole('link', { name: 'Census', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'census.png'), fullPage: true });

    const audit = await stack.db.pool.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE actor = 'user:mkhan' AND resource = 'census'",
    );
    expect(audit.rows.map((r) => r.action)).toContain('list');
  });

  it('has no accessibility violations (axe-core, WCAG 2.1 A and AA)', async () => {
    expect(await axeViolations(page)).toEqual([]);
    // The check itself finds a violation where there is one.
    const probe = await browser.newPage();
    await probe.setContent(
      '<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>',
    );
    expect((await axeViolations(probe)).map((v) => v.id)).toContain('image-alt');
    await probe.close();
  });
});
