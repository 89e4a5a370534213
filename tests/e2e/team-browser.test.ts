/**
 * The team view in a real browser: discharges days old arrive over MLLP, the API's sweep escalates
 * their overdue follow-ups, and the team's lead sees them with the work per navigator and
 * acknowledges one. Operations staff land on the operations page after signing in, and the queue
 * dashboard leads back to it. The team page passes axe-core's WCAG A/AA rules.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam, createUser, setTeamLead } from '@adt/db';
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

const PASSWORD = 'the lead sees it all';
const DAY_MS = 24 * 3_600_000;

describe('team view in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let base = '';

  const openEscalations = async () =>
    (
      await stack.db.pool.query<{ count: string }>(
        'SELECT count(*) AS count FROM escalations WHERE resolved_at IS NULL',
      )
    ).rows[0]?.count;

  beforeAll(async () => {
    // The sweep runs on the alert interval: short here, so the escalations come without waiting.
    stack = await startTestStack('teamview', { ALERT_EVALUATION_INTERVAL_MS: '200' });
    base = `http://127.0.0.1:${stack.api.port}`;
    // The first team added is the default team: every patient here is routed to it.
    const team = (await addTeam(stack.db.pool, { name: 'care', displayName: 'Care team' })).name;
    await createUser(stack.db.pool, {
      username: 'tlead',
      displayName: 'Tara Lead, RN',
      role: 'navigator',
      teams: [team],
      password: PASSWORD,
    });
    await createUser(stack.db.pool, {
      username: 'jnav',
      displayName: 'Jo Nav, RN',
      role: 'navigator',
      teams: [team],
      password: PASSWORD,
    });
    await createUser(stack.db.pool, { username: 'opsy', role: 'ops', password: PASSWORD });
    await setTeamLead(stack.db.pool, { team, username: 'tlead', lead: true });
    browser = await launchChromium();
    const context = await desktopContext(browser);
    page = await context.newPage();
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await stack.stop();
  });

  it('escalates follow-ups overdue past the threshold', async () => {
    const now = Date.now();
    const patients = [
      ['MRN500100', 'HOLT^MARGARET', 6],
      ['MRN500200', 'NGUYEN^THANH', 5],
      ['MRN500300', 'REYES^CARMEN', 0.2],
    ] as const;
    for (const [index, [mrn, name, daysAgo]] of patients.entries()) {
      const ack = await sendHl7(
        stack.listener.mllpPort,
        adtMessage({
          event: 'A03',
          controlId: `TEAM-${index}`,
          mrn,
          name,
          patientClass: 'I',
          visitNumber: `V-T-${index}`,
          disposition: '01',
          admittedAt: new Date(now - (daysAgo + 3) * DAY_MS),
          dischargedAt: new Date(now - daysAgo * DAY_MS),
        }),
      );
      expect(ack).toBe('AA');
    }
    // The two old discharges are overdue by days; the recent one is not due yet.
    expect(await waitFor(async () => ((await openEscalations()) === '2' ? '2' : undefined), 15_000)).toBe(
      '2',
    );
  });

  it('shows the lead the escalations and the work per navigator, and acknowledges one', async () => {
    await page.goto(`${base}/team`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await signInOnPage(page, 'tlead', PASSWORD);
    await page.waitForURL((url) => url.pathname === '/team');
    expect(await page.title()).toBe('Team · Follow-up inbox');
    expect(await page.getByRole('link', { name: 'Team', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );

    const rows = page.locator('#escalation-rows tr[data-escalation]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    expect(await page.locator('#escalation-rows').textContent()).toContain('HOLT, MARGARET');
    expect(await page.locator('#escalation-rows').textContent()).toContain('NGUYEN, THANH');
    const unclaimed = page.locator('#workload-rows tr', { hasText: 'Unclaimed' });
    expect(await unclaimed.locator('td').allTextContents()).toEqual(['3', '2', '–']);
    expect(await page.locator('#workload-rows').textContent()).toContain('Tara Lead, RN (lead)');
    expect(await page.locator('#workload-rows').textContent()).toContain('Jo Nav, RN');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'team.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    const first = rows.filter({ hasText: 'HOLT, MARGARET' });
    await first.getByRole('button', { name: /^Acknowledge the escalation of HOLT, MARGARET/ }).click();
    await page.getByText('Escalation acknowledged.').waitFor();
    await waitFor(async () => ((await rows.count()) === 1 ? true : undefined));
    const acknowledged = await stack.db.pool.query<{ acknowledged_by: string; resolution: string }>(
      "SELECT acknowledged_by, resolution FROM escalations WHERE resolution = 'acknowledged'",
    );
    expect(acknowledged.rows).toEqual([{ acknowledged_by: 'user:tlead', resolution: 'acknowledged' }]);
  });

  it('lands operations staff on the operations page, and the queue dashboard leads back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const ops = await context.newPage();
    await ops.goto(`${base}/sign-in`);
    await signInOnPage(ops, 'opsy', PASSWORD);
    await ops.waitForURL((url) => url.pathname === '/ops');
    await ops.goto(`${base}/ops/queues`);
    const back = ops.getByRole('link', { name: '← Back to Operations' });
    await back.waitFor({ state: 'visible' });
    await back.click();
    await ops.waitForURL((url) => url.pathname === '/ops');
    await context.close();
  });
});
