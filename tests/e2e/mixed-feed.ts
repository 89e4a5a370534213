/**
 * A mixed ADT feed for tests that compare two runs: ~7 events per encounter (ED visits,
 * admissions, transfers, updates, discharges, cancellations, deaths) and patient merges (A40), with
 * every encounter's events on one connection; and snapshots of the resulting state without the ids
 * and times that legitimately differ between databases.
 */
import { hl7TestMessage } from '@adt/testing';
import type { Queryable } from '@adt/db';

const FACILITY = 'GENERAL_HOSP';

/** A message of the feed, with its event time for the in-order reference. */
export interface RunMessage {
  text: string;
  controlId: string;
  /** Event time (EVN-2); unique across the run, so event order is total. */
  at: string;
  /** Which MLLP connection sends it: all messages of an encounter share one. */
  connection: number;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
export function random(seed: number): () => number {
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

function hl7(
  controlId: string,
  mrn: string,
  visit: string,
  at: string,
  spec: EventSpec,
  times: { admit: string },
): RunMessage['text'] {
  return hl7TestMessage({
    controlId,
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

/** The shape of a feed. */
export interface FeedOptions {
  /** Encounters (at least 50: encounters 40–49 take part in the merges). */
  encounters: number;
  /** MLLP connections the encounters are spread over. */
  connections: number;
  /** Seed of the storylines' choices. */
  seed: number;
}

/**
 * Builds the feed: control ids `CC1`, `CC2`, … in event order within each encounter.
 * @param options - encounters, connections and seed
 */
export function buildMixedFeed(options: FeedOptions): RunMessage[] {
  const rand = random(options.seed);
  const messages: RunMessage[] = [];
  let controlIds = 0;
  for (let e = 0; e < options.encounters; e += 1) {
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
      controlIds += 1;
      const controlId = `CC${String(controlIds)}`;
      messages.push({
        text: hl7(controlId, patientOf(e), visit, at, spec, { admit }),
        controlId,
        at,
        connection: e % options.connections,
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
      connection: k % options.connections,
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
 * @param messages - the feed
 * @param seed - seed of the shuffle
 */
export function arrivalOrder(messages: readonly RunMessage[], seed: number): RunMessage[] {
  const shuffled = shuffle(messages, random(seed));
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
export async function followUpSnapshot(db: Queryable): Promise<string[]> {
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

export async function encounterSnapshot(db: Queryable): Promise<string[]> {
  const result = await db.query<Record<string, unknown>>(
    `SELECT e.encounter_key, p.mrn, e.patient_class, e.assigned_location, e.hospital_service, e.admitted_at,
            e.discharged_at, e.disposition, e.diagnoses, e.last_event_type, e.last_event_at
       FROM encounters e JOIN patients p ON p.id = e.patient_id
      WHERE e.merged_into IS NULL
      ORDER BY e.facility, e.encounter_key`,
  );
  return result.rows.map((row) => JSON.stringify(row));
}

export async function patientSnapshot(db: Queryable): Promise<string[]> {
  const result = await db.query<Record<string, unknown>>(
    `SELECT p.mrn, s.mrn AS merged_into, p.deceased,
            (SELECT count(*) FROM follow_ups f WHERE f.patient_id = p.id AND f.status IN ('open', 'in_progress'))
              AS active
       FROM patients p LEFT JOIN patients s ON s.id = p.merged_into ORDER BY p.mrn`,
  );
  return result.rows.map((row) => JSON.stringify(row));
}
