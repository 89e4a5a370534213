/**
 * What the browser tests share: a headless Chromium, ADT messages for made-up patients sent over a
 * real MLLP socket, signing in through the page, and an axe-core accessibility check.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { MllpClient } from '@adt/cli';
import { ackCodeFromAck } from '@adt/hl7';

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
  const eventAt = v.at ?? v.dischargedAt ?? v.admittedAt;
  const pv1 = Array.from({ length: 46 }, () => '');
  pv1[0] = 'PV1';
  pv1[1] = '1';
  pv1[2] = v.patientClass;
  pv1[3] = v.patientClass === 'E' ? 'ED^05^A^GENERAL_HOSP' : '3EAST^301^A^GENERAL_HOSP';
  pv1[10] = v.service ?? '';
  pv1[19] = v.visitNumber;
  pv1[36] = v.disposition ?? '';
  pv1[39] = 'GENERAL_HOSP';
  pv1[44] = hl7Time(v.admittedAt);
  pv1[45] = v.dischargedAt ? hl7Time(v.dischargedAt) : '';
  const pid = Array.from({ length: 31 }, () => '');
  pid[0] = 'PID';
  pid[1] = '1';
  pid[3] = `${v.mrn}^^^GENERAL_HOSP^MR`;
  pid[5] = v.name;
  pid[7] = '19500101';
  pid[8] = 'F';
  pid[30] = v.deceased ? 'Y' : '';
  return [
    `MSH|^~\\&|EPIC|GENERAL_HOSP|ADT_FOLLOWUP|PRACTICE|${hl7Time(eventAt)}||ADT^${v.event}|${v.controlId}|P|2.5.1`,
    `EVN|${v.event}|${hl7Time(eventAt)}`,
    pid.join('|'),
    pv1.join('|'),
    ...(v.diagnoses ?? []).map(
      ([code, text], i) => `DG1|${i + 1}||${code}^${text}^I10||${hl7Time(v.admittedAt)}|A`,
    ),
  ].join('\r');
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
