import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAY_LIMITS } from '@adt/adt';
import {
  addTeam,
  addTeamRule,
  countUnattributedPatients,
  listUnattributedPatients,
  listWorklist,
  migrateDatabase,
  type RosterEntryInput,
} from '@adt/db';
import { createTestDatabase, hl7TestMessage, type TestDatabase } from '@adt/testing';
import { applyMessage, importRoster, type ApplyDeps } from '@adt/application';
import { storeTestMessage } from './testing/apply-harness.js';

const ZONE = 'America/New_York';
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const NOW = Date.now();
const ago = (ms: number) => new Date(NOW - ms);

/** HL7 DTM in UTC with an explicit offset, so the test does not depend on the zone it runs in. */
function hl7Time(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 12)}+0000`;
}

let controlCounter = 0;

/** An ADT message from GENERAL_HOSP. */
function adt(opts: {
  event: string;
  /** PID-3 as sent, e.g. `M1^^^GENERAL_HOSP^MR`. */
  ids: string;
  visit: string;
  patientClass: string;
  at: Date;
  admissionType?: string;
  hospitalService?: string;
  disposition?: string;
  admit?: Date;
  discharge?: Date;
  diagnoses?: string[];
}): string {
  controlCounter += 1;
  const at = hl7Time(opts.at);
  return hl7TestMessage({
    controlId: `R${controlCounter}`,
    event: opts.event,
    at,
    pid: { 3: opts.ids },
    pv1: {
      2: opts.patientClass,
      3: '',
      4: opts.admissionType ?? '',
      10: opts.hospitalService ?? '',
      19: opts.visit,
      36: opts.disposition ?? '',
      44: opts.admit ? hl7Time(opts.admit) : '',
      45: opts.discharge ? hl7Time(opts.discharge) : '',
    },
    segments: (opts.diagnoses ?? []).map((code, i) => `DG1|${i + 1}||${code}^^I10||${at}|F`),
  });
}

const mrn = (id: string) => `${id}^^^GENERAL_HOSP^MR`;

function rosterEntry(
  identifier: string,
  team: string,
  assigningAuthority = 'GENERAL_HOSP',
): RosterEntryInput {
  return {
    identifier,
    assigningAuthority,
    familyName: 'DOE',
    givenName: 'JANE',
    birthDate: '1950-01-01',
    sex: 'F',
    team,
    pcp: '',
  };
}

describe('roster, team routing and risk', () => {
  let db: TestDatabase;
  let deps: ApplyDeps;
  const rules = { calendar: { zone: ZONE, holidays: new Set<string>() }, observationCodes: new Set(['OBS']) };
  const backfill = { rules, defaultTeam: 'default', zone: ZONE };

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'roster');
    deps = { pool: db.pool, rules, defaultTeam: 'default', zoneForFacility: () => ZONE };
  });

  afterAll(async () => {
    await db.drop();
  });

  const apply = async (text: string) => applyMessage(deps, await storeTestMessage(db.pool, text));

  async function followUpsOf(id: string) {
    const result = await db.pool.query<{
      kind: string;
      status: string;
      team: string;
      priority: string;
      due_at: Date;
      visit_due_by: Date | null;
      risk_score: number | null;
      risk_flags: string[];
      visit_number: string;
    }>(
      `SELECT f.kind, f.status, f.team, f.priority, f.due_at, f.visit_due_by, f.risk_score, f.risk_flags,
              e.visit_number
         FROM follow_ups f JOIN patients p ON p.id = f.patient_id JOIN encounters e ON e.id = f.encounter_id
        WHERE p.mrn = $1 ORDER BY f.id`,
      [id],
    );
    return result.rows;
  }

  async function encounterCount(id: string): Promise<number> {
    const result = await db.pool.query<{ count: string }>(
      'SELECT count(*) AS count FROM encounters e JOIN patients p ON p.id = e.patient_id WHERE p.mrn = $1',
      [id],
    );
    return Number(result.rows[0]?.count);
  }

  /** A 2-day inpatient stay discharged an hour ago. */
  const inpatientDischarge = (id: string, visit: string, extra: Partial<Parameters<typeof adt>[0]> = {}) =>
    adt({
      event: 'A03',
      ids: mrn(id),
      visit,
      patientClass: 'I',
      at: ago(HOUR_MS),
      admit: ago(2 * DAY_MS + HOUR_MS),
      discharge: ago(HOUR_MS),
      ...extra,
    });

  it('without a roster routes every patient: first matching team rule, else the default team', async () => {
    // Rules name teams that were added (DEFAULT_TEAM, pinned to `default` here, overrides the marked one).
    await addTeam(db.pool, { name: 'ed-team' });
    await addTeam(db.pool, { name: 'inpatient-team' });
    await addTeamRule(db.pool, {
      facility: 'GENERAL_HOSP',
      kind: 'ed_visit',
      patientClass: null,
      team: 'ed-team',
      priority: 10,
    });
    await addTeamRule(db.pool, { facility: null, kind: null, patientClass: 'I', team: 'inpatient-team' });

    await apply(
      adt({
        event: 'A04',
        ids: mrn('P-ED'),
        visit: 'V-ED',
        patientClass: 'E',
        at: ago(HOUR_MS),
        admit: ago(HOUR_MS),
      }),
    );
    await apply(inpatientDischarge('P-IN', 'V-IN'));
    await apply(
      adt({
        event: 'A03',
        ids: mrn('P-OBS'),
        visit: 'V-OBS',
        patientClass: 'O',
        hospitalService: 'OBS',
        at: ago(HOUR_MS),
        admit: ago(DAY_MS),
        discharge: ago(HOUR_MS),
      }),
    );

    expect((await followUpsOf('P-ED')).map((f) => [f.kind, f.team])).toEqual([['ed_visit', 'ed-team']]);
    expect((await followUpsOf('P-IN')).map((f) => [f.kind, f.team])).toEqual([
      ['discharge', 'inpatient-team'],
    ]);
    expect((await followUpsOf('P-OBS')).map((f) => [f.kind, f.team])).toEqual([['discharge', 'default']]);
    // Every new follow-up is scored; a 2-day elective stay is LACE 2.
    expect((await followUpsOf('P-IN'))[0]).toMatchObject({
      risk_score: 2,
      risk_flags: [],
      priority: 'normal',
    });
    expect(await countUnattributedPatients(db.pool)).toBe(0);
  });

  it('with a roster loaded: roster team first, and patients off it are applied but get no follow-up', async () => {
    const { imported } = await importRoster(
      db.pool,
      [
        rosterEntry('P-ROSTER', 'north'),
        rosterEntry('P-NOTEAM', ''),
        // Matched through the second PID-3 repetition (an enterprise id) of the messages below.
        rosterEntry('EMPI-7', 'east', 'EMPI'),
      ],
      { replace: false, actor: 'test', backfill },
    );
    expect(imported).toMatchObject({ inserted: 3, updated: 0, reactivated: 0, removed: 0 });

    await apply(inpatientDischarge('P-ROSTER', 'V-R1'));
    await apply(inpatientDischarge('P-NOTEAM', 'V-N1'));
    await apply(inpatientDischarge('P-ALT', 'V-A1', { ids: `${mrn('P-ALT')}~EMPI-7^^^EMPI^PI` }));
    const outside = await apply(inpatientDischarge('P-OUT', 'V-O1'));

    expect((await followUpsOf('P-ROSTER')).map((f) => f.team)).toEqual(['north']);
    expect((await followUpsOf('P-NOTEAM')).map((f) => f.team)).toEqual(['inpatient-team']);
    expect((await followUpsOf('P-ALT')).map((f) => f.team)).toEqual(['east']);

    // Stored and applied (the encounter exists, the message is processed) but no follow-up.
    expect(outside.status).toBe('applied');
    expect(outside.created).toEqual([]);
    expect(await encounterCount('P-OUT')).toBe(1);
    expect(await followUpsOf('P-OUT')).toEqual([]);

    const unattributed = await listUnattributedPatients(db.pool, { limit: 100 });
    expect(unattributed.map((p) => p.mrn).sort()).toEqual(['P-ED', 'P-IN', 'P-OBS', 'P-OUT']);
    expect(unattributed.find((p) => p.mrn === 'P-OUT')).toMatchObject({ encounterCount: 1 });
    expect(await countUnattributedPatients(db.pool)).toBe(4);
  });

  it('enrolling a patient later back-fills only the follow-ups still within their window', async () => {
    // Four encounters while the patient is off the roster: none get a follow-up.
    const oldAdmit = ago(22 * DAY_MS);
    await apply(
      inpatientDischarge('P-LATE', 'V-OLD', {
        at: ago(20 * DAY_MS),
        admit: oldAdmit,
        discharge: ago(20 * DAY_MS),
      }),
    );
    await apply(inpatientDischarge('P-LATE', 'V-NEW'));
    await apply(
      adt({
        event: 'A04',
        ids: mrn('P-LATE'),
        visit: 'V-EDNOW',
        patientClass: 'E',
        at: ago(HOUR_MS),
        admit: ago(HOUR_MS),
      }),
    );
    await apply(inpatientDischarge('P-LATE', 'V-CANCELLED', { at: ago(3 * HOUR_MS) }));
    await apply(
      adt({
        event: 'A11',
        ids: mrn('P-LATE'),
        visit: 'V-CANCELLED',
        patientClass: 'I',
        at: ago(2 * HOUR_MS),
      }),
    );
    expect(await followUpsOf('P-LATE')).toEqual([]);

    const { imported, backfill: outcome } = await importRoster(
      db.pool,
      [rosterEntry('P-ROSTER', 'north'), rosterEntry('P-LATE', 'south')],
      { replace: false, actor: 'test', backfill },
    );
    expect(imported).toMatchObject({ inserted: 1, updated: 1 });
    // The discharge 20 days ago is past its 2-business-day call: not created.
    expect(outcome.pastDue).toBe(1);
    expect(outcome.created.map((c) => c.kind).sort()).toEqual(['discharge', 'ed_visit']);

    const late = await followUpsOf('P-LATE');
    expect(late.map((f) => [f.visit_number, f.kind, f.team])).toEqual([
      ['V-NEW', 'discharge', 'south'],
      ['V-EDNOW', 'ed_visit', 'south'],
    ]);
    for (const followUp of late) {
      expect(followUp.due_at.getTime()).toBeGreaterThan(NOW);
      expect(followUp.risk_score).not.toBeNull();
    }

    // Importing the same roster again enrolls nobody new and creates nothing twice.
    const again = await importRoster(db.pool, [rosterEntry('P-LATE', 'south')], {
      replace: false,
      actor: 'test',
      backfill,
    });
    expect(again.imported.enrolledEntryIds).toEqual([]);
    expect(again.backfill.created).toEqual([]);
    expect(await followUpsOf('P-LATE')).toHaveLength(2);
  });

  it('a --replace import removes patients left out: they stop getting follow-ups', async () => {
    const { imported } = await importRoster(
      db.pool,
      [
        rosterEntry('P-ROSTER', 'north'),
        rosterEntry('EMPI-7', 'east', 'EMPI'),
        rosterEntry('P-LATE', 'south'),
        rosterEntry('P-RISK', 'risk-team'),
        rosterEntry('P-LOW', 'risk-team'),
        rosterEntry('P-AMA', 'risk-team'),
      ],
      { replace: true, actor: 'test', backfill },
    );
    expect(imported).toMatchObject({ inserted: 3, removed: 1 });
    await apply(inpatientDischarge('P-NOTEAM', 'V-N2'));
    expect((await followUpsOf('P-NOTEAM')).map((f) => f.visit_number)).toEqual(['V-N1']);
    expect((await listUnattributedPatients(db.pool, { limit: 100 })).map((p) => p.mrn)).toContain('P-NOTEAM');
  });

  it('scores LACE and the high-risk flags, raises priority, and orders the worklist by risk', async () => {
    // Four ED visits in the last 5 months (while enrolled; each its own encounter).
    for (const days of [35, 60, 90, 140]) {
      await apply(
        adt({
          event: 'A03',
          ids: mrn('P-RISK'),
          visit: `V-ED${days}`,
          patientClass: 'E',
          at: ago(days * DAY_MS),
          admit: ago(days * DAY_MS + 3 * HOUR_MS),
          discharge: ago(days * DAY_MS),
        }),
      );
    }
    const discharge = ago(HOUR_MS);
    // Created lowest risk first, so ordering by id alone would get the worklist wrong.
    // Left against medical advice after one night: L 1, high by disposition.
    await apply(
      inpatientDischarge('P-AMA', 'V-AMA', { admit: ago(DAY_MS + HOUR_MS), discharge, disposition: '07' }),
    );
    // An elective 2-day stay: L 2, normal.
    await apply(inpatientDischarge('P-LOW', 'V-LOW', { discharge }));
    // A 7-day emergency admission with heart failure and COPD: L 5 + A 3 + C 2 + E 4 = 14.
    await apply(
      inpatientDischarge('P-RISK', 'V-RISK', {
        admissionType: 'E',
        admit: ago(7 * DAY_MS + HOUR_MS),
        discharge,
        diagnoses: ['I50.9', 'J44.1'],
      }),
    );
    const [risky] = (await followUpsOf('P-RISK')).filter((f) => f.visit_number === 'V-RISK');
    expect(risky).toMatchObject({
      risk_score: 14,
      risk_flags: ['lace_high', 'frequent_ed'],
      priority: 'high',
      team: 'risk-team',
    });
    const [low] = await followUpsOf('P-LOW');
    expect(low).toMatchObject({ risk_score: 2, risk_flags: [], priority: 'normal' });
    // High risk brings the face-to-face visit forward from day 14 to day 7.
    const visitDays = (f: { visit_due_by: Date | null }) =>
      Math.round(((f.visit_due_by?.getTime() ?? 0) - discharge.getTime()) / DAY_MS);
    expect(visitDays(low ?? { visit_due_by: null })).toBeGreaterThanOrEqual(14);
    expect(visitDays(risky ?? { visit_due_by: null })).toBeLessThanOrEqual(8);
    expect((await followUpsOf('P-AMA'))[0]).toMatchObject({
      risk_score: 1,
      risk_flags: ['ama'],
      priority: 'high',
    });

    // Same due date: high priority first, then the higher LACE score.
    const worklist = await listWorklist(db.pool, {
      createdBefore: new Date(NOW + DAY_MS),
      overdueBefore: new Date(NOW),
      team: 'risk-team',
      offset: 0,
      limit: 100,
      observationCodes: new Set(['OBS']),
      limits: STAY_LIMITS,
    });
    const today = worklist.filter((f) => f.dueAt.getTime() === risky?.due_at.getTime());
    expect(today.map((f) => [f.patient.mrn, f.priority, f.riskScore])).toEqual([
      ['P-RISK', 'high', 14],
      ['P-AMA', 'high', 1],
      ['P-LOW', 'normal', 2],
    ]);
    expect(today[0]?.riskFlags).toEqual(['lace_high', 'frequent_ed']);
  });

  it('re-scores on an update: an A08 adding a metastatic cancer code makes the stay high risk', async () => {
    await apply(
      adt({
        event: 'A08',
        ids: mrn('P-LOW'),
        visit: 'V-LOW',
        patientClass: 'I',
        at: ago(HOUR_MS / 2),
        admissionType: 'E',
        diagnoses: ['C78.00'],
      }),
    );
    // L 2 + A 3 + C 5 (index 6) = 10.
    expect((await followUpsOf('P-LOW'))[0]).toMatchObject({
      risk_score: 10,
      risk_flags: ['lace_high'],
      priority: 'high',
    });
  });
});
