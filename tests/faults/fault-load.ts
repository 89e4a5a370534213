/**
 * The load of a fault scenario and how its outcome is counted: distinct encounters, each an
 * arrival (A01 inpatient or A04 ED) then a discharge home (A03), so each must end with exactly one
 * follow-up; and messages counted by control id, so a lost or doubly processed one shows.
 */
import type { Queryable } from '@adt/db';
import { hl7TestMessage } from '@adt/testing';

const FACILITY = 'GENERAL_HOSP';

/** One message of the load. */
export interface LoadMessage {
  text: string;
  controlId: string;
}

/** Per-scenario result, one row of the summary table. */
export interface ScenarioOutcome {
  scenario: string;
  sent: number;
  acked: number;
  transmissions: number;
  processed: number;
  lost: number;
  duplicated: number;
  encounters: number;
  followUps: number;
  seconds: number;
}

function hl7Time(encounter: number, hour: number): string {
  const d = new Date(
    Date.UTC(2026, 10, 2 + (encounter % 10), hour, encounter % 60, Math.floor(encounter / 60)),
  );
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getUTCFullYear())}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

function message(
  tag: string,
  n: number,
  event: string,
  patientClass: string,
  e: number,
  at: string,
  admit: string,
): LoadMessage {
  const controlId = `${tag}${String(n)}`;
  const text = hl7TestMessage({
    controlId,
    event,
    at,
    facility: FACILITY,
    mrn: `M${tag}${String(e)}`,
    pv1: {
      2: patientClass,
      3: patientClass === 'E' ? 'ED^01' : '4W^401',
      19: `V${tag}${String(e)}`,
      36: event === 'A03' ? '01' : '',
      44: admit,
      45: event === 'A03' ? at : '',
    },
  });
  return { text, controlId };
}

/**
 * Builds the load, split over senders: an encounter's messages all go through one sender, in order.
 * @param tag - prefix of control ids, visits and MRNs (unique per scenario)
 * @param encounters - how many encounters (two messages each)
 * @param senders - how many sender connections
 */
export function buildLoad(tag: string, encounters: number, senders: number): LoadMessage[][] {
  const lanes: LoadMessage[][] = Array.from({ length: senders }, () => []);
  let n = 0;
  for (let e = 0; e < encounters; e += 1) {
    const ed = e % 2 === 1;
    const admit = hl7Time(e, 6);
    const lane = lanes[e % senders] ?? [];
    n += 1;
    lane.push(message(tag, n, ed ? 'A04' : 'A01', ed ? 'E' : 'I', e, admit, admit));
    n += 1;
    lane.push(message(tag, n, 'A03', ed ? 'E' : 'I', e, hl7Time(e, 12), admit));
  }
  return lanes;
}

/** What the database says about a scenario's messages. */
export interface StoredCounts {
  /** Distinct control ids with a processed message. */
  processed: number;
  /** Processed messages beyond one per control id. */
  processedTwice: number;
  /** Follow-ups beyond one per encounter. */
  extraFollowUps: number;
  /** Encounters with exactly one follow-up. */
  encountersWithOne: number;
  followUps: number;
  /** Messages stored as failed (the worker gave up). */
  failed: number;
}

/**
 * Counts the outcome of a scenario in its database.
 * @param pool - the scenario's database
 */
export async function storedCounts(pool: Queryable): Promise<StoredCounts> {
  const messages = await pool.query<{ processed: string; twice: string; failed: string }>(
    `SELECT count(*) FILTER (WHERE n > 0) AS processed,
            coalesce(sum(greatest(n - 1, 0)), 0) AS twice,
            (SELECT count(*) FROM inbound_messages WHERE status = 'failed') AS failed
       FROM (SELECT control_id, count(*) FILTER (WHERE status = 'processed') AS n
               FROM inbound_messages WHERE status <> 'rejected' GROUP BY control_id) per_control_id`,
  );
  const followUps = await pool.query<{ one: string; extra: string; total: string }>(
    `SELECT count(*) FILTER (WHERE n = 1) AS one,
            coalesce(sum(greatest(n - 1, 0)), 0) AS extra,
            coalesce(sum(n), 0) AS total
       FROM (SELECT e.id, count(f.id) AS n FROM encounters e LEFT JOIN follow_ups f ON f.encounter_id = e.id
              GROUP BY e.id) per_encounter`,
  );
  const m = messages.rows[0];
  const f = followUps.rows[0];
  return {
    processed: Number(m?.processed ?? 0),
    processedTwice: Number(m?.twice ?? 0),
    failed: Number(m?.failed ?? 0),
    encountersWithOne: Number(f?.one ?? 0),
    extraFollowUps: Number(f?.extra ?? 0),
    followUps: Number(f?.total ?? 0),
  };
}

/**
 * Waits until every message is processed (or the time is up) and returns the final counts.
 * @param pool - the scenario's database
 * @param expected - how many distinct messages were sent
 * @param timeoutMs - bound on the wait
 */
export async function settle(pool: Queryable, expected: number, timeoutMs: number): Promise<StoredCounts> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let counts: StoredCounts | null = null;
    try {
      counts = await storedCounts(pool);
    } catch {
      // The database may be coming back from the fault; ask again.
    }
    if (counts && (counts.processed + counts.failed >= expected || Date.now() > deadline)) {
      // A short pause, then count again: a late duplicate would show now.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return storedCounts(pool);
    }
    if (Date.now() > deadline) throw new Error('database unreachable at the end of the scenario');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Prints the summary table of all scenarios run.
 * @param rows - one outcome per scenario
 */
export function printSummary(rows: readonly ScenarioOutcome[]): void {
  const header = [
    'scenario',
    'sent',
    'acked',
    'frames',
    'processed',
    'lost',
    'duplicated',
    'encounters',
    'follow-ups',
    's',
  ];
  const lines = rows.map((r) => [
    r.scenario,
    String(r.sent),
    String(r.acked),
    String(r.transmissions),
    String(r.processed),
    String(r.lost),
    String(r.duplicated),
    String(r.encounters),
    String(r.followUps),
    r.seconds.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  process.stdout.write(['', 'fault scenarios', format(header), ...lines.map(format), '', ''].join('\n'));
}
