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

  async function send(visit: Omit<AdtVisit, 'controlId'>): Promise<void> {
    sequence += 1;
    const ack = await sendHl7(
      stack.listener.mllpPort,
      adtMessage({ ...visit, controlId: `CENSUS-${sequence}` }),
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
    await send({
      event: 'A01',
      mrn: 'MRN400100',
      name: 'BAKER^HELEN',
      patientClass: 'I',
      service: 'MED',
      visitNumber: 'V-C-1',
      admittedAt: ago(30),
      diagnoses: [['J18.9', 'Pneumonia, unspecified organism']],
    });
    await send({
      event: 'A04',
      mrn: 'MRN400200',
      name: 'ORTEGA^LUIS',
      patientClass: 'E',
      visitNumber: 'V-C-2',
      admittedAt: ago(2),
      diagnoses: [['R07.9', 'Chest pain, unspecified']],
    });
    await send({
      event: 'A03',
      mrn: 'MRN400300',
      name: 'SIMMS^ROSE',
      patientClass: 'I',
      visitNumber: 'V-C-3',
      disposition: '03',
      admittedAt: ago(6 * 24),
      dischargedAt: ago(20),
      diagnoses: [['S72.001A', 'Fracture of right femur']],
    });
    await send({
      event: 'A03',
      mrn: 'MRN400400',
      name: 'GRANT^WALTER',
      patientClass: 'I',
      visitNumber: 'V-C-4',
      disposition: '20',
      admittedAt: ago(4 * 24),
      dischargedAt: ago(10),
    });
    await send({
      event: 'A01',
      mrn: 'MRN400500',
      name: 'PRICE^ANN',
      patientClass: 'I',
      visitNumber: 'V-C-5',
      admittedAt: ago(8),
    });
    await send({
      event: 'A11',
      mrn: 'MRN400500',
      name: 'PRICE^ANN',
      patientClass: 'I',
      visitNumber: 'V-C-5',
      admittedAt: ago(8),
      at: ago(7),
    });
    await send({
      event: 'A04',
      mrn: 'MRN400600',
      name: 'LEE^DANA',
      patientClass: 'O',
      service: 'CLN',
      visitNumber: 'V-C-6',
      admittedAt: ago(3),
    });
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
