/**
 * Ordering and concurrency (routing.md): ~400 ADT events for 60 overlapping encounters, with
 * merges, sent over MLLP in shuffled order and processed by two worker processes, must end in the
 * same follow-ups and encounter state as applying them one by one in event order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MllpClient } from '@adt/cli';
import { READMISSION_WINDOW_DAYS } from '@adt/adt';
import { migrateDatabase, settleSupersession, storeInboundMessage, type Queryable } from '@adt/db';
import { applyMessage, type ApplyDeps } from '@adt/followup-worker';
import { ackCodeFromAck } from '@adt/hl7';
import { createTestDatabase, hl7TestMessage, type TestDatabase } from '@adt/testing';
import { startTestStack, waitFor, type TestStack } from './stack.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FACILITY = 'GENERAL_HOSP';
const ENCOUNTERS = 60;
const CONNECTIONS = 4;
const SEED = 20261123;

/** A message of the run, with its event time for the in-order reference. */
interface RunMessage {
  text: string;
  controlId: string;
  /** Event time (EVN-2); unique across the run, so event order is total. */
  at: string;
  /** Which MLLP connection sends it: all messages of an encounter share one. */
  connection: number;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** HL7 local time `YYYYMMDDHHMMSS`, from Monday 2 November 2026 (after the DST change). */
function hl7Time(day: number, hour: number, minute: number, second = 0): string {
  const d = new Date(Date.UTC(2026, 10, 2 + day, hour, minute, second));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getUTCFullYear())}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

interface EventSpec {
  event: string;
  patientClass: string;
  location?: string;
  hospitalService?: string;
  admit?: boolean;
  discharge?: boolean;
  disposition?: string;
}

let controlIds = 0;
function hl7(
  mrn: string,
  visit: string,
  at: string,
  spec: EventSpec,
  times: { admit: string },
): RunMessage['text'] {
  controlIds += 1;
  return hl7TestMessage({
    controlId: `CC${String(controlIds)}`,
    event: spec.event,
    at,
    facility: FACILITY,
    mrn,
    pv1: {
      2: spec.patientClass,
      3: spec.location ?? '',
      10: spec.hospitalService ?? '',
      19: visit,
      36: spec.disposition ?? '',
      44: spec.admit ? times.admit : '',
      45: spec.discharge ? at : '',
    },
  });
}

const I = 'I';
const E = 'E';
/** Encounter storylines; dispositions vary by encounter. */
function storyline(e: number, rand: () => number): EventSpec[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const home = pick(['01', '01', '07', '06']);
  switch (e % 8) {
    case 0:
      return [
        { event: 'A04', patientClass: E, admit: true },
        { event: 'A03', patientClass: E, discharge: true, disposition: home },
      ];
    case 1:
      return [
        { event: 'A04', patientClass: E, admit: true },
        { event: 'A06', patientClass: I },
        { event: 'A02', patientClass: I, location: '5E^510' },
        { event: 'A03', patientClass: I, discharge: true, disposition: home },
      ];
    case 2:
      return [
        { event: 'A01', patientClass: I, admit: true },
        { event: 'A03', patientClass: I, discharge: true, disposition: '01' },
        { event: 'A13', patientClass: I },
        { event: 'A03', patientClass: I, discharge: true, disposition: home },
      ];
    case 3:
      return [
        { event: 'A01', patientClass: I, admit: true },
        { event: 'A03', patientClass: I, discharge: true, disposition: '01' },
        { event: 'A11', patientClass: I },
      ];
    case 4:
      return [
        { event: 'A01', patientClass: I, admit: true },
        { event: 'A03', patientClass: I, discharge: true, disposition: pick(['03', '50', '21', '62']) },
      ];
    case 5:
      return [
        { event: 'A04', patientClass: E, admit: true },
        { event: 'A03', patientClass: E, discharge: true, disposition: '01' },
        { event: 'A13', patientClass: E },
        { event: 'A03', patientClass: E, discharge: true, disposition: home },
      ];
    case 6:
      return [
        { event: 'A01', patientClass: 'O', hospitalService: 'OBS', admit: true },
        { event: 'A03', patientClass: 'O', discharge: true, disposition: '01' },
        { event: 'A08', patientClass: 'O', disposition: home },
      ];
    default:
      // A few patients die at the end of their stay.
      return [
        { event: 'A01', patientClass: I, admit: true },
        { event: 'A03', patientClass: I, discharge: true, disposition: e % 16 === 7 ? '20' : home },
      ];
  }
}

/** The patient of an encounter: 40–44 are filed under prior ids merged into 45–49's patients. */
function patientOf(e: number): string {
  if (e >= 40 && e < 45) return `CCP${String(e - 40)}`;
  if (e >= 45 && e < 50) return `CCS${String(e - 45)}`;
  return `CC${String(e % 50)}`;
}

function buildRun(): RunMessage[] {
  const rand = random(SEED);
  const messages: RunMessage[] = [];
  for (let e = 0; e < ENCOUNTERS; e += 1) {
    const day = e % 12;
    const visit = `VCC${String(e)}`;
    const specs = storyline(e, rand);
    // Updates and transfers in between: same class as the step they follow.
    const withNoise: EventSpec[] = [];
    for (const spec of specs) {
      withNoise.push(spec);
      const extras = Math.floor(rand() * 2) + (specs.length < 3 ? 2 : specs.length < 4 ? 1 : 0);
      for (let x = 0; x < extras; x += 1) {
        withNoise.push({
          event: rand() < 0.5 ? 'A08' : 'A02',
          patientClass: spec.patientClass,
          location: `W${String(Math.floor(rand() * 9))}^${String(100 + Math.floor(rand() * 50))}`,
        });
      }
    }
    // Every event of an encounter at its own hour, minute = encounter: unique across the run.
    const times = withNoise.map((_, i) => hl7Time(day, 6 + 2 * i, e));
    const admit = times[0] ?? hl7Time(day, 6, e);
    withNoise.forEach((spec, i) => {
      const at = times[i] ?? admit;
      messages.push({
        text: hl7(patientOf(e), visit, at, spec, { admit }),
        controlId: `CC${String(controlIds)}`,
        at,
        connection: e % CONNECTIONS,
      });
    });
  }
  for (let k = 0; k < 5; k += 1) {
    controlIds += 1;
    const at = hl7Time((40 + k) % 12, 9, 0, 30);
    messages.push({
      text: hl7TestMessage({
        controlId: `CC${String(controlIds)}`,
        event: 'A40',
        at,
        facility: FACILITY,
        mrn: `CCS${String(k)}`,
        msh: { 9: 'ADT^A40^ADT_A39' },
        mrg: { 1: `CCP${String(k)}^^^${FACILITY}^MR` },
        pv1: null,
      }),
      controlId: `CC${String(controlIds)}`,
      at,
      connection: k % CONNECTIONS,
    });
  }
  return messages;
}

function shuffle<T>(items: readonly T[], rand: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * Arrival order: shuffled, except that an A11 never comes first for its visit (the listener answers
 * AE "no such visit" to an A11 for a visit it has never heard of, by design).
 */
function arrivalOrder(messages: readonly RunMessage[]): RunMessage[] {
  const shuffled = shuffle(messages, random(SEED + 1));
  const seen = new Set<string>();
  const order: RunMessage[] = [];
  const held = new Map<string, RunMessage>();
  for (const m of shuffled) {
    const visit = /\|VCC\d+\|/.exec(m.text)?.[0] ?? m.controlId;
    if (m.text.includes('|ADT^A11|') && !seen.has(visit)) {
      held.set(visit, m);
      continue;
    }
    order.push(m);
    seen.add(visit);
    const waiting = held.get(visit);
    if (waiting) {
      order.push(waiting);
      held.delete(visit);
    }
  }
  return [...order, ...held.values()];
}

/**
 * Follow-ups as compared: per encounter and kind in creation order. Patients who died are left
 * out: once a death is stored nothing is created for them, so a death that arrives before older
 * events leaves fewer cancelled rows than the in-order run (both have none active; checked apart).
 */
async function followUpSnapshot(db: Queryable): Promise<string[]> {
  const result = await db.query<Record<string, unknown>>(
    `SELECT e.encounter_key, p.mrn, f.kind, f.status, f.status_reason, f.due_at, f.visit_due_by, f.priority,
            f.in_ed_now, f.discharge_cancelled, se.encounter_key AS superseded_by_encounter
       FROM follow_ups f JOIN encounters e ON e.id = f.encounter_id JOIN patients p ON p.id = f.patient_id
       LEFT JOIN follow_ups s ON s.id = f.superseded_by LEFT JOIN encounters se ON se.id = s.encounter_id
      WHERE NOT p.deceased
      ORDER BY e.encounter_key, f.kind, f.id`,
  );
  const ordinals = new Map<string, number>();
  return result.rows.map((row) => {
    const key = `${String(row.encounter_key)}/${String(row.kind)}`;
    const ordinal = (ordinals.get(key) ?? 0) + 1;
    ordinals.set(key, ordinal);
    return JSON.stringify({ ...row, ordinal });
  });
}

async function encounterSnapshot(db: Queryable): Promise<string[]> {
  const result = await db.query<Record<string, unknown>>(
    `SELECT e.encounter_key, p.mrn, e.patient_class, e.assigned_location, e.hospital_service, e.admitted_at,
            e.discharged_at, e.disposition, e.diagnoses, e.last_event_type, e.last_event_at
       FROM encounters e JOIN patients p ON p.id = e.patient_id
      WHERE e.merged_into IS NULL
      ORDER BY e.facility, e.encounter_key`,
  );
  return result.rows.map((row) => JSON.stringify(row));
}

async function patientSnapshot(db: Queryable): Promise<string[]> {
  const result = await db.query<Record<string, unknown>>(
    `SELECT p.mrn, s.mrn AS merged_into, p.deceased,
            (SELECT count(*) FROM follow_ups f WHERE f.patient_id = p.id AND f.status IN ('open', 'in_progress'))
              AS active
       FROM patients p LEFT JOIN patients s ON s.id = p.merged_into ORDER BY p.mrn`,
  );
  return result.rows.map((row) => JSON.stringify(row));
}

function startWorkerProcess(stack: TestStack): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@adt/source', '--import', 'tsx', 'services/followup-worker/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: stack.config.databaseUrl,
        REDIS_URL: stack.config.redisUrl,
        QUEUE_PREFIX: stack.config.queuePrefix,
        WORKER_HTTP_PORT: '0',
        WORKER_CONCURRENCY: '4',
        LOG_LEVEL: 'warn',
        MIGRATE_ON_START: 'false',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return child;
}

async function stopWorkerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  child.kill('SIGTERM');
  // A graceful stop finishes in-flight jobs; one that hangs is not this test's subject.
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

describe('concurrency: shuffled arrival, two worker processes', () => {
  const messages = buildRun();
  let stack: TestStack;
  let reference: TestDatabase;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    stack = await startTestStack('concurrency', {}, { worker: false });
    reference = await createTestDatabase(migrateDatabase, 'concurrencyref');
    workers.push(startWorkerProcess(stack), startWorkerProcess(stack));
  });

  afterAll(async () => {
    await Promise.all(workers.map(stopWorkerProcess));
    await stack.stop();
    await reference.drop();
  });

  it(`${String(messages.length)} events end as the one-by-one, in-order run`, async () => {
    expect(messages.length).toBeGreaterThanOrEqual(350);

    // In-order reference: applied one by one, in event order, on a database of its own.
    const deps: ApplyDeps = {
      pool: reference.pool,
      rules: {
        calendar: { zone: stack.config.practice.timeZone, holidays: stack.config.practice.holidays },
        observationCodes: stack.config.practice.observationCodes,
      },
      defaultTeam: stack.config.practice.defaultTeam,
      zoneForFacility: () => stack.config.practice.timeZone,
    };
    const supersessionWindow = { zone: stack.config.practice.timeZone, days: READMISSION_WINDOW_DAYS };
    for (const m of [...messages].sort((a, b) => a.at.localeCompare(b.at))) {
      const stored = await storeInboundMessage(reference.pool, {
        raw: Buffer.from(m.text),
        contentHash: createHash('sha256').update(m.text).digest(),
        peerAddress: null,
        sendingApplication: 'EPIC',
        sendingFacility: FACILITY,
        controlId: m.controlId,
        messageType: 'ADT',
        versionId: '2.5.1',
        ackCode: 'AA',
      });
      await applyMessage(deps, stored.id);
      // As the worker's job does after each message.
      await settleSupersession(reference.pool, supersessionWindow);
    }

    // The run under test: shuffled, over MLLP, two workers of four slots each.
    const order = arrivalOrder(messages);
    const acks = await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, connection) => {
        const client = await MllpClient.connect('127.0.0.1', stack.listener.mllpPort);
        const codes: string[] = [];
        for (const m of order.filter((o) => o.connection === connection)) {
          codes.push(ackCodeFromAck(await client.send(m.text)).code);
        }
        await client.close();
        return codes;
      }),
    );
    expect(acks.flat().filter((code) => code !== 'AA')).toEqual([]);

    await waitFor(async () => {
      const done = await stack.db.pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM inbound_messages WHERE status IN ('processed', 'failed')",
      );
      // Supersession is worked out after each commit: wait for the last check too.
      const checks = await stack.db.pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM supersession_checks',
      );
      return Number(done.rows[0]?.n) >= messages.length && Number(checks.rows[0]?.n) === 0 ? true : undefined;
    }, 45_000);
    const failed = await stack.db.pool.query("SELECT id FROM inbound_messages WHERE status = 'failed'");
    expect(failed.rowCount).toBe(0);
    // The shuffle did deliver events older than their encounter's state, and they were replayed.
    const replayed = await stack.db.pool.query(
      "SELECT 1 FROM inbound_messages WHERE status_reason LIKE '%replayed in event order%'",
    );
    expect(replayed.rowCount).toBeGreaterThan(20);

    const [expectedFollowUps, actualFollowUps] = await Promise.all([
      followUpSnapshot(reference.pool),
      followUpSnapshot(stack.db.pool),
    ]);
    expect(expectedFollowUps.length).toBeGreaterThan(40);
    // Readmissions within 30 days did supersede earlier discharge follow-ups.
    expect(expectedFollowUps.filter((f) => f.includes('"superseded_by_encounter":"')).length).toBeGreaterThan(
      0,
    );
    expect(actualFollowUps).toEqual(expectedFollowUps);
    expect(await encounterSnapshot(stack.db.pool)).toEqual(await encounterSnapshot(reference.pool));
    // Merged and deceased patients alike, and no active follow-up for anyone who died.
    const patients = await patientSnapshot(stack.db.pool);
    expect(patients).toEqual(await patientSnapshot(reference.pool));
    expect(patients.filter((p) => p.includes('"deceased":true') && !p.includes('"active":"0"'))).toEqual([]);
    expect(patients.filter((p) => p.includes('"merged_into":"CCS'))).toHaveLength(5);
  }, 60_000);
});
