/**
 * Test feeds and facility time zones in the worker: a sandbox message is applied in its own
 * identity namespace (it never touches the live patient, visit or follow-up it names), everything
 * it makes is marked sandbox and left out of the worklist and search, and a facility's time zone
 * reads its timestamps without an offset.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAY_LIMITS } from '@adt/adt';
import { createLogger } from '@adt/logging';
import {
  listWorklist,
  migrateDatabase,
  saveFacilitySettings,
  searchFollowUps,
  storeInboundMessage,
} from '@adt/db';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { applyMessage, type ApplyDeps } from '@adt/application';
import { startFacilityZones, type FacilityZones } from './facility-zones.js';
import { adtMessage, type TestAdt } from './testing/adt-test-messages.js';

const PRACTICE_ZONE = 'America/New_York';
const log = createLogger({ service: 'test-feed-test', level: 'silent' });

describe('test feeds and facility time zones in the worker', () => {
  let db: TestDatabase;
  let deps: ApplyDeps;
  let zones: FacilityZones;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'test_feed');
    await saveFacilitySettings(db.pool, 'WEST_HOSP', { timeZone: 'America/Los_Angeles' });
    zones = await startFacilityZones({
      pool: db.pool,
      practiceZone: PRACTICE_ZONE,
      intervalMs: 60_000,
      log,
    });
    deps = {
      pool: db.pool,
      rules: {
        calendar: { zone: PRACTICE_ZONE, holidays: new Set() },
        observationCodes: new Set(['OBS']),
      },
      defaultTeam: 'default',
      zoneForFacility: zones.zoneFor,
    };
  });

  afterAll(async () => {
    await zones.stop();
    await db.drop();
  });

  /** Stores a message as the listener would (sandbox as it decided) and applies it. */
  async function apply(m: TestAdt, sandbox = false) {
    const text = adtMessage(m);
    const stored = await storeInboundMessage(db.pool, {
      raw: Buffer.from(text),
      contentHash: createHash('sha256').update(text).digest(),
      peerAddress: null,
      sendingApplication: 'EPIC',
      sendingFacility: m.facility ?? 'GENERAL_HOSP',
      controlId: m.controlId,
      messageType: `ADT^${m.event}`,
      versionId: '2.5.1',
      ackCode: 'AA',
      sandbox,
    });
    return applyMessage(deps, stored.id);
  }

  const rows = async (mrn: string) =>
    (
      await db.pool.query<{
        assigning_authority: string;
        patient_sandbox: boolean;
        deceased: boolean;
        visit_number: string;
        encounter_sandbox: boolean;
        kind: string | null;
        status: string | null;
        follow_up_sandbox: boolean | null;
      }>(
        `SELECT p.assigning_authority, p.sandbox AS patient_sandbox, p.deceased, e.visit_number,
                e.sandbox AS encounter_sandbox, f.kind, f.status, f.sandbox AS follow_up_sandbox
           FROM patients p JOIN encounters e ON e.patient_id = p.id
           LEFT JOIN follow_ups f ON f.encounter_id = e.id
          WHERE p.mrn = $1 ORDER BY p.id, f.id`,
        [mrn],
      )
    ).rows;

  const discharge = (controlId: string, mrn: string, extra: Partial<TestAdt> = {}): TestAdt => ({
    controlId,
    event: 'A03',
    mrn,
    at: '20261118150000',
    visit: `V-${mrn}`,
    patientClass: 'I',
    admit: '20261115080000',
    discharge: '20261118140000',
    disposition: '01',
    ...extra,
  });

  it('keeps a test message that names a live patient and visit away from them', async () => {
    await apply(discharge('LIVE-1', 'SHARED1'));
    // The test system reuses the live MRN and visit, and says the patient died.
    const sandboxed = await apply(discharge('TEST-1', 'SHARED1', { disposition: '20' }), true);
    expect(sandboxed.status).toBe('applied');
    expect(await rows('SHARED1')).toEqual([
      {
        assigning_authority: 'GENERAL_HOSP',
        patient_sandbox: false,
        deceased: false,
        visit_number: 'V-SHARED1',
        encounter_sandbox: false,
        kind: 'discharge',
        status: 'open',
        follow_up_sandbox: false,
      },
      {
        assigning_authority: 'sandbox:GENERAL_HOSP',
        patient_sandbox: true,
        deceased: true,
        visit_number: 'sandbox:V-SHARED1',
        encounter_sandbox: true,
        kind: null,
        status: null,
        follow_up_sandbox: null,
      },
    ]);
  });

  it('creates the follow-ups a test feed would make, marked sandbox, and never lists them for navigators', async () => {
    const outcome = await apply(discharge('TEST-2', 'SANDBOX2', { facility: 'WEST_HOSP' }), true);
    expect(outcome.created.map((c) => c.kind)).toEqual(['discharge']);
    expect(await rows('SANDBOX2')).toMatchObject([
      {
        assigning_authority: 'sandbox:WEST_HOSP',
        kind: 'discharge',
        status: 'open',
        follow_up_sandbox: true,
      },
    ]);
    const worklist = await listWorklist(db.pool, {
      createdBefore: new Date(Date.now() + 60_000),
      overdueBefore: new Date(),
      offset: 0,
      limit: 100,
      observationCodes: new Set(['OBS']),
      limits: STAY_LIMITS,
    });
    expect(worklist.map((f) => f.patient.mrn)).toEqual(['SHARED1']);
    expect(await searchFollowUps(db.pool, { mrn: 'SANDBOX2', limit: 10 })).toEqual([]);
  });

  it("reads timestamps without an offset in the facility's zone, else the practice's", async () => {
    await apply(discharge('WEST-1', 'WEST1', { facility: 'WEST_HOSP' }));
    await apply(discharge('EAST-1', 'EAST1'));
    // A zone set after start is picked up on the next refresh.
    await saveFacilitySettings(db.pool, 'NORTH_HOSP', { timeZone: 'America/Anchorage' });
    await zones.refresh();
    await apply(discharge('NORTH-1', 'NORTH1', { facility: 'NORTH_HOSP' }));
    // An offset in the value wins over every zone.
    await apply(discharge('WEST-2', 'WEST2', { facility: 'WEST_HOSP', discharge: '20261118140000-0500' }));
    const discharged = async (mrn: string) =>
      (
        await db.pool.query<{ discharged_at: Date }>(
          'SELECT e.discharged_at FROM encounters e JOIN patients p ON p.id = e.patient_id WHERE p.mrn = $1',
          [mrn],
        )
      ).rows[0]?.discharged_at.toISOString();
    expect(await discharged('WEST1')).toBe('2026-11-18T22:00:00.000Z');
    expect(await discharged('EAST1')).toBe('2026-11-18T19:00:00.000Z');
    expect(await discharged('NORTH1')).toBe('2026-11-18T23:00:00.000Z');
    expect(await discharged('WEST2')).toBe('2026-11-18T19:00:00.000Z');
  });
});
