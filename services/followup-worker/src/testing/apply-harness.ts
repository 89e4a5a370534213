/**
 * A migrated database of its own plus helpers to store test messages and apply them as the worker
 * does, and to read back follow-ups and encounters. For the worker's integration tests only.
 */
import { createHash } from 'node:crypto';
import type { CareActionType } from '@adt/adt';
import { appendCareAction, migrateDatabase, storeInboundMessage, type Queryable } from '@adt/db';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { applyMessage, type ApplyDeps, type ApplyOutcome } from '@adt/application';
import { adtMessage, TEST_FACILITY, type TestAdt } from './adt-test-messages.js';

/** The practice zone of every test. */
export const TEST_ZONE = 'America/New_York';

/** A follow-up as tests read it back. */
export interface FollowUpRow {
  id: string;
  mrn: string;
  visit: string;
  kind: string;
  status: string;
  statusReason: string | null;
  dueAt: string;
  visitDueBy: string | null;
  priority: string;
  inEdNow: boolean;
  dischargeCancelled: boolean;
}

/** A care action a test logs: who, what, and the outcome and time when they matter. */
export interface TestCareAction {
  type: CareActionType;
  actor: string;
  outcome?: string | null;
  at?: Date;
}

/** The harness of one test file. */
export interface ApplyHarness {
  db: TestDatabase;
  deps: ApplyDeps;
  /** Stores a message as the listener would and returns its id. */
  store: (m: TestAdt | string) => Promise<string>;
  /** Stores and applies a message. */
  apply: (m: TestAdt) => Promise<ApplyOutcome>;
  /** The follow-ups of a patient (by the MRN its current record carries), oldest first. */
  followUpsOf: (mrn: string) => Promise<FollowUpRow[]>;
  /** Logs a care action on a follow-up read back by {@link followUpsOf}: no note, and now unless `at` says. */
  logAction: (followUp: FollowUpRow | undefined, action: TestCareAction) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Stores a message from {@link TEST_FACILITY} as the listener would and returns its id.
 * @param text - the HL7 text; its MSH-10 becomes the control id
 */
export async function storeTestMessage(pool: Queryable, text: string): Promise<string> {
  const stored = await storeInboundMessage(pool, {
    raw: Buffer.from(text),
    contentHash: createHash('sha256').update(text).digest(),
    peerAddress: null,
    sendingApplication: 'EPIC',
    sendingFacility: TEST_FACILITY,
    controlId: /\|ADT\^\w+\|([^|]+)\|/.exec(text)?.[1] ?? '',
    messageType: 'ADT',
    versionId: '2.5.1',
    ackCode: 'AA',
  });
  return stored.id;
}

/**
 * Creates the database and the worker's dependencies.
 * @param label - names the database
 */
export async function createApplyHarness(label: string): Promise<ApplyHarness> {
  const db = await createTestDatabase(migrateDatabase, label);
  const deps: ApplyDeps = {
    pool: db.pool,
    rules: { calendar: { zone: TEST_ZONE, holidays: new Set() }, observationCodes: new Set(['OBS']) },
    defaultTeam: 'default',
    zoneForFacility: () => TEST_ZONE,
  };
  const store = (m: TestAdt | string): Promise<string> =>
    storeTestMessage(db.pool, typeof m === 'string' ? m : adtMessage(m));
  return {
    db,
    deps,
    store,
    apply: async (m) => applyMessage(deps, await store(m)),
    followUpsOf: async (mrn) => {
      const result = await db.pool.query<
        Omit<FollowUpRow, 'dueAt' | 'visitDueBy'> & { dueAt: Date; visitDueBy: Date | null }
      >(
        `SELECT f.id, p.mrn, e.visit_number AS visit, f.kind, f.status, f.status_reason AS "statusReason",
                f.due_at AS "dueAt", f.visit_due_by AS "visitDueBy", f.priority, f.in_ed_now AS "inEdNow",
                f.discharge_cancelled AS "dischargeCancelled"
           FROM follow_ups f JOIN patients p ON p.id = f.patient_id JOIN encounters e ON e.id = f.encounter_id
          WHERE p.mrn = $1 ORDER BY f.id`,
        [mrn],
      );
      return result.rows.map((row) => ({
        ...row,
        dueAt: row.dueAt.toISOString(),
        visitDueBy: row.visitDueBy?.toISOString() ?? null,
      }));
    },
    logAction: async (followUp, action) => {
      if (!followUp) throw new Error('no follow-up to log the care action on');
      await appendCareAction(db.pool, {
        followUpId: followUp.id,
        outcome: null,
        note: null,
        at: new Date(),
        ...action,
      });
    },
    close: () => db.drop(),
  };
}

/**
 * The instant at the end of a local day in the test zone, as ISO text (what due dates are).
 * @param date - `YYYY-MM-DD`
 */
export function endOfDay(date: string): string {
  const probe = new Date(`${date}T12:00:00Z`);
  const offset =
    new Intl.DateTimeFormat('en-US', { timeZone: TEST_ZONE, timeZoneName: 'longOffset' })
      .formatToParts(probe)
      .find((part) => part.type === 'timeZoneName')
      ?.value.replace('GMT', '') ?? '+00:00';
  return new Date(`${date}T23:59:59.999${offset}`).toISOString();
}
