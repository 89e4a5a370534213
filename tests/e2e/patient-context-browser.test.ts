/**
 * What a call needs, end to end and in a real browser: a discharge carrying every field of the
 * call context (the readable fixture) arrives over MLLP from a facility with a display name; the
 * navigator sees the numbers, family contacts, interpreter need, coverage, reason for visit and
 * attending on the follow-up, and the interpreter and facility name on the worklist row. The page
 * passes axe-core's WCAG A/AA rules.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam, createUser, nameFacility } from '@adt/db';
import { axeViolations, launchChromium, sendHl7, signInOnPage, desktopContext } from './browser-helpers.js';
import { SCREENSHOTS } from './screenshot-dir.js';
import { startTestStack, waitFor, type TestStack } from './stack.js';

const PASSWORD = 'who do I call first';
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/adt-a03-patient-context.hl7');

describe('the call context in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    stack = await startTestStack('context_browser');
    base = `http://127.0.0.1:${stack.api.port}`;
    await createUser(stack.db.pool, {
      username: 'jrivera',
      displayName: 'Jo Rivera, RN',
      role: 'navigator',
      teams: [(await addTeam(stack.db.pool, { name: 'north' })).name],
      password: PASSWORD,
    });
    await nameFacility(stack.db.pool, 'LAKESIDE_MED', 'Lakeside Medical Center');
    browser = await launchChromium();
    const context = await desktopContext(browser, { viewport: { width: 1440, height: 1100 } });
    page = await context.newPage();
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await stack.stop();
  });

  it('shows on the worklist row and the follow-up page what the message carried', async () => {
    expect(await sendHl7(stack.listener.mllpPort, await readFile(FIXTURE, 'latin1'))).toBe('AA');
    await waitFor(async () => {
      const created = await stack.db.pool.query('SELECT 1 FROM follow_ups');
      return created.rowCount === 1 ? true : undefined;
    }, 15_000);

    await page.goto(`${base}/`);
    await signInOnPage(page, 'jrivera', PASSWORD);
    const row = page.locator('#rows tr[data-id]', { hasText: 'McDonald, Aoife Mary-Kate' });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('Lakeside Medical Center');
    expect(rowText).toContain('Interpreter (Spanish)');
    expect(rowText).not.toContain('MCDONALD');

    await row.locator('.patient-link').click();
    await page.getByRole('heading', { name: 'McDonald, Aoife Mary-Kate' }).waitFor();
    const contact = page.getByRole('region', { name: 'Contact' });
    const text = (await contact.textContent()) ?? '';
    expect(text).toContain('Interpreter · Spanish');
    expect(text).toContain('Home: (207) 555-0148');
    expect(text).toContain('Other mobile: (207) 555-0199');
    expect(text).toContain('Work: (207) 555-0173 ext. 22');
    expect(text).toContain("O'Brien-McDonald, Liam · Son");
    expect(text).toContain('McDonald, Rose · Sister');
    expect(text).toContain("O'Brien, Sean, MD (hospital record)");
    expect(text).toContain('Medicare Part A · CENTERS FOR MEDICARE & MEDICAID SERVICES · member 1EG4TE5MK73');
    expect(text).toContain('22 SHORE LN, PORTLAND, ME 04102');
    expect(text).toContain('Not yet');
    expect(
      await contact.getByRole('link', { name: 'Call work (207) 555-0173 ext. 22' }).getAttribute('href'),
    ).toBe('tel:2075550173');

    const encounter = page.getByRole('region', { name: 'Encounter' });
    const visit = (await encounter.textContent()) ?? '';
    expect(visit).toContain('Lakeside Medical Center');
    expect(visit).toContain('Shortness of breath (R06.02)');
    expect(visit).toContain('Pneumonia, unspecified organism (J18.9)');
    expect(visit).toContain('Nguyen-Park, Anh T, MD');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'follow-up-contact.png'), fullPage: true });
  });

  it('has no accessibility violations (axe-core, WCAG 2.1 A and AA)', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});
