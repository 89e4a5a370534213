/**
 * The ops page in a real browser: a message whose processing fails shows up with its reason and
 * raw HL7, and replaying it from the page processes it once the cause is fixed. Also opens the
 * queue dashboard, whose UI must run under its own content policy.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MllpClient } from '@adt/cli';
import { createUser } from '@adt/db';
import { ackCodeFromAck } from '@adt/hl7';
import { hl7TestMessage } from '@adt/testing';
import { SCREENSHOTS } from './screenshot-dir.js';
import { startTestStack, waitFor, type TestStack } from './stack.js';
import { launchChromium, desktopContext } from './browser-helpers.js';

const PASSWORD = 'keep the feeds flowing';

/** An inpatient discharge from a facility, with a visit number derived from the control id. */
function a03(controlId: string, facility = 'GENERAL_HOSP'): string {
  return hl7TestMessage({
    controlId,
    facility,
    mrn: controlId,
    pv1: { 3: '', 19: `V${controlId}`, 45: '20261118140000' },
  });
}

describe('ops page in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let base = '';
  const cspViolations: string[] = [];

  async function send(message: string): Promise<void> {
    const client = await MllpClient.connect('127.0.0.1', stack.listener.mllpPort);
    try {
      expect(ackCodeFromAck(await client.send(message)).code).toBe('AA');
    } finally {
      await client.close();
    }
  }

  async function statusOf(controlId: string): Promise<string | undefined> {
    const row = await stack.db.pool.query<{ status: string }>(
      'SELECT status FROM inbound_messages WHERE control_id = $1',
      [controlId],
    );
    return row.rows[0]?.status;
  }

  beforeAll(async () => {
    stack = await startTestStack('opsbrowser', { WORKER_MAX_ATTEMPTS: '2' });
    base = `http://127.0.0.1:${stack.api.port}`;
    await createUser(stack.db.pool, {
      username: 'opsdesk',
      displayName: 'Ops Desk',
      role: 'ops',
      teams: [],
      password: PASSWORD,
    });
    browser = await launchChromium();
    const context = await desktopContext(browser, { viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await stack.stop();
  });

  it('shows a failed message with its reason, and a replay from the page processes it once fixed', async () => {
    // A storage fault for one visit: its processing throws on every attempt.
    await stack.db.pool.query(`
      CREATE FUNCTION refuse_visit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.visit_number = 'VOPSFAIL1' THEN RAISE EXCEPTION 'simulated storage fault'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_visit BEFORE INSERT ON encounters
        FOR EACH ROW EXECUTE FUNCTION refuse_visit();`);
    await send(a03('OPSOK1'));
    await send(a03('OPSOK2', 'RURAL_HOSP'));
    await send(a03('OPSFAIL1'));
    await waitFor(async () => ((await statusOf('OPSFAIL1')) === 'failed' ? true : undefined), 20_000);
    expect(await statusOf('OPSOK1')).toBe('processed');

    await page.goto(`${base}/ops`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Username').fill('opsdesk');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/ops');

    // Feeds by facility.
    const general = page.locator('#feed-rows tr[data-facility="GENERAL_HOSP"]');
    await general.waitFor();
    expect(await general.locator('td').nth(1).textContent()).toBe('2');
    expect(await general.textContent()).toContain('AA 2');
    expect(await page.locator('#feed-rows tr[data-facility="RURAL_HOSP"]').count()).toBe(1);
    expect(await page.locator('#stat-unattributed').textContent()).toBe('0');

    // The failed message, found by status, with its reason.
    await page.getByLabel('Status').selectOption('failed');
    await page.getByRole('button', { name: 'Search' }).click();
    const failedRow = page.locator('#message-rows tr[data-message-id]');
    // The unfiltered list may still be on screen until the search answers: wait for the filtered one.
    await expect.poll(() => failedRow.count(), { timeout: 10_000 }).toBe(1);
    await failedRow.filter({ hasText: 'OPSFAIL1' }).waitFor();
    expect(await failedRow.textContent()).toContain('OPSFAIL1');
    expect(await failedRow.textContent()).toContain('simulated storage fault');

    await failedRow.getByRole('button', { name: 'Open' }).click();
    const detail = page.locator('#detail');
    await detail.locator('.hl7').waitFor();
    expect(await detail.locator('#detail-reason').textContent()).toBe('simulated storage fault');
    // One line per segment; fields named on hover.
    expect(await detail.locator('.hl7-segment').count()).toBe(4);
    const controlField = detail
      .locator('.hl7-segment')
      .first()
      .locator('.hl7-field[title="MSH-10 Message control id"]');
    expect(await controlField.textContent()).toBe('OPSFAIL1');
    expect(await detail.locator('.hl7-field[title="PV1-19 Visit number"]').textContent()).toBe('VOPSFAIL1');
    const history = await detail.locator('#history li').allTextContents();
    expect(history[0]).toContain('received');
    expect(history.at(-1)).toContain('simulated storage fault');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'ops.png'), fullPage: true });

    // Fix the cause, then replay from the page.
    await stack.db.pool.query('DROP TRIGGER refuse_visit ON encounters');
    await detail.getByRole('button', { name: 'Replay' }).click();
    await detail.locator('#detail-status [data-status="processed"]').waitFor({ timeout: 20_000 });
    expect(await statusOf('OPSFAIL1')).toBe('processed');
    const followUps = await stack.db.pool.query(
      `SELECT 1 FROM follow_ups f JOIN encounters e ON e.id = f.encounter_id WHERE e.visit_number = 'VOPSFAIL1'`,
    );
    expect(followUps.rowCount).toBe(1);
    expect((await detail.locator('#history li').allTextContents()).some((t) => t.startsWith('applied'))).toBe(
      true,
    );
    expect(cspViolations).toEqual([]);
  });

  it('opens the queue dashboard from the page, its UI running under its own policy', async () => {
    await page.getByRole('link', { name: 'Queue dashboard' }).first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/ops/queues'));
    await page.getByText('adt-events').first().waitFor({ timeout: 15_000 });
    expect(cspViolations.filter((v) => !/fonts\.googleapis/.test(v))).toEqual([]);
  });
});
