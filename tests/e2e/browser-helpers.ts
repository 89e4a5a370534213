/**
 * What the browser tests share: a headless Chromium, ADT messages for made-up patients sent over a
 * real MLLP socket, signing in through the page, and an axe-core accessibility check.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { MllpClient } from '@adt/cli';
import { ackCodeFromAck } from '@adt/hl7';
import { hl7TestMessage } from '@adt/testing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts the system Chromium headless, without the network chatter of a first run. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A desktop window in the practice's US locale and time zone, with motion reduced so screenshots
 * hold still: what every page test reads its screens in. `options` overrides any of it.
 */
export function desktopContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
    reducedMotion: 'reduce',
    ...options,
  });
}

/** An HL7 timestamp in UTC with its offset, so the practice time zone does not matter. */
export function hl7Time(at: Date): string {
  return `${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;
}

/** One ADT event for a made-up patient at GENERAL_HOSP. */
export interface AdtVisit {
  event: string;
  controlId: string;
  mrn: string;
  /** PID-5, `FAMILY^GIVEN`. */
  name: string;
  patientClass: string;
  service?: string;
  visitNumber: string;
  disposition?: string;
  admittedAt: Date;
  dischargedAt?: Date;
  /** When the event happened; the discharge, else the admission, when not given. */
  at?: Date;
  diagnoses?: [string, string][];
  deceased?: boolean;
}

/**
 * An ADT message shaped like the GENERAL_HOSP fixture.
 * @param v - the event
 */
export function adtMessage(v: AdtVisit): string {
  const eventAt = hl7Time(v.at ?? v.dischargedAt ?? v.admittedAt);
  return hl7TestMessage({
    controlId: v.controlId,
    event: v.event,
    at: eventAt,
    msh: { 5: 'ADT_FOLLOWUP' },
    pid: { 3: `${v.mrn}^^^GENERAL_HOSP^MR`, 5: v.name, 30: v.deceased ? 'Y' : '' },
    pv1: {
      2: v.patientClass,
      3: v.patientClass === 'E' ? 'ED^05^A^GENERAL_HOSP' : '3EAST^301^A^GENERAL_HOSP',
      10: v.service ?? '',
      19: v.visitNumber,
      36: v.disposition ?? '',
      39: 'GENERAL_HOSP',
      44: hl7Time(v.admittedAt),
      45: v.dischargedAt ? hl7Time(v.dischargedAt) : '',
    },
    segments: (v.diagnoses ?? []).map(
      ([code, text], i) => `DG1|${i + 1}||${code}^${text}^I10||${hl7Time(v.admittedAt)}|A`,
    ),
  });
}

/**
 * Sends one message over MLLP and returns its ACK code.
 * @param port - the listener's MLLP port
 * @param message - the HL7 message
 */
export async function sendHl7(port: number, message: string): Promise<string> {
  const client = await MllpClient.connect('127.0.0.1', port);
  try {
    return ackCodeFromAck(await client.send(message)).code;
  } finally {
    await client.close();
  }
}

/**
 * Signs in on the sign-in page the browser was sent to.
 * @param page - a page showing /sign-in
 * @param username - who
 * @param password - their password
 */
export async function signInOnPage(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** An axe-core finding, as much as a failing test needs to say. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const require = createRequire(import.meta.url);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core (WCAG 2 A and AA rules) on the page as shown. The engine is evaluated through the
 * debugging protocol, not added as a script tag, so the page's content policy stays as served.
 * @param page - the page to check
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async (tags) => {
    interface AxeResult {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    }
    // The test's TypeScript has no DOM types: axe is reached through the page's global object.
    const axe = (globalThis as unknown as { axe: { run: (options: object) => Promise<AxeResult> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, AXE_TAGS);
}
