/**
 * The routing table of the clinical spec (routing.md, "Event handling"), row by row, and every
 * discharge disposition group, through `applyMessage` on stored HL7 text. Dates are chosen so the
 * business-day clocks cross a weekend (America/New_York).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendCareAction } from '@adt/db';
import { applyMessage, type ApplyOutcome } from '@adt/application';
import type { TestAdt } from './testing/adt-test-messages.js';
import {
  createApplyHarness,
  endOfDay,
  type ApplyHarness,
  type FollowUpRow,
} from './testing/apply-harness.js';

/** Identifiers of one row: its own patient, prior patient and visit, so rows do not interfere. */
interface Ids {
  mrn: string;
  prior: string;
  visit: string;
  otherVisit: string;
}

type Outcome = 'created' | 'updated' | 'cancelled' | 'none' | 'merged';

interface Row {
  name: string;
  /** Events applied first, in order. */
  before?: (ids: Ids) => TestAdt[];
  /** What a navigator does after `before`. */
  navigator?: 'logs an action';
  event: (ids: Ids) => TestAdt;
  outcome: Outcome;
  /** The follow-ups of `mrn` (default the row's patient) afterwards, oldest first. */
  followUps: (ids: Ids) => Partial<FollowUpRow>[];
  mrn?: (ids: Ids) => string;
  /** Timeline note the event leaves on its encounter. */
  note?: RegExp;
  /** Encounter state kept for the event's visit. */
  encounter?: Record<string, string>;
}

// Thursday 19 and Friday 20 November 2026; the next business days are Friday and Monday 23.
const MON_ADMIT = '202611160800';
const THU_DISCHARGE = '202611191400';
const THU_EVENING = '202611192000';
const FRI_MORNING = '202611200900';
const FRI_NIGHT = '202611200200';
const FRI = endOfDay('2026-11-20');
const MON = endOfDay('2026-11-23');
const TUE = endOfDay('2026-11-24');
/** TCM visit due dates after a Thursday 19 November discharge. */
const DAY_7 = endOfDay('2026-11-26');
const DAY_14 = endOfDay('2026-12-03');

let controlIds = 0;
function adt(ids: Ids, event: string, at: string, fields: Partial<TestAdt> = {}): TestAdt {
  controlIds += 1;
  return { controlId: `RT${String(controlIds)}`, event, mrn: ids.mrn, visit: ids.visit, at, ...fields };
}
const edArrival = (ids: Ids, event = 'A04') =>
  adt(ids, event, THU_EVENING, { patientClass: 'E', admit: THU_EVENING });
const inpatientDischarge = (ids: Ids, disposition = '01', fields: Partial<TestAdt> = {}) =>
  adt(ids, 'A03', THU_DISCHARGE, {
    patientClass: 'I',
    admit: MON_ADMIT,
    discharge: THU_DISCHARGE,
    disposition,
    ...fields,
  });

const openDischarge = (priority = 'normal', visitDueBy = DAY_14): Partial<FollowUpRow> => ({
  kind: 'discharge',
  status: 'open',
  dueAt: MON,
  visitDueBy,
  priority,
  inEdNow: false,
});

const NON_ROUTING_EVENTS = ['A01', 'A02', 'A12', 'A05', 'A14', 'A27', 'A38', 'A21', 'A22'];
const EXPIRED = ['20', '40', '41', '42'];
const POST_ACUTE = ['02', '05', '43', '61', '62', '63', '64', '65', '66', '03'];
const NO_CALL = [
  ['50', /hospice at home; no call task/],
  ['51', /hospice facility; no call task/],
  ['21', /law enforcement; no call task/],
] as const;
const PATIENT_MERGES = ['A40', 'A34', 'A18', 'A39'];

const rows: Row[] = [
  {
    name: 'A04 (ED arrival): creates the ed_visit, in ED now, due arrival + 1 business day',
    event: (ids) => adt(ids, 'A04', FRI_MORNING, { patientClass: 'E', admit: FRI_MORNING }),
    outcome: 'created',
    followUps: () => [{ kind: 'ed_visit', status: 'open', inEdNow: true, dueAt: MON, priority: 'normal' }],
  },
  {
    name: 'A01 with PV1-2 = E: an ED arrival too',
    event: (ids) => adt(ids, 'A01', FRI_MORNING, { patientClass: 'E', admit: FRI_MORNING }),
    outcome: 'created',
    followUps: () => [{ kind: 'ed_visit', status: 'open', inEdNow: true, dueAt: MON }],
  },
  {
    name: 'A03 with PV1-2 = E: clears "in ED" and moves the due date to discharge + 1 business day',
    before: (ids) => [edArrival(ids)],
    event: (ids) =>
      adt(ids, 'A03', FRI_NIGHT, { patientClass: 'E', discharge: FRI_NIGHT, disposition: '01' }),
    outcome: 'updated',
    followUps: () => [{ kind: 'ed_visit', status: 'open', inEdNow: false, dueAt: MON }],
  },
  {
    name: 'A03 with PV1-2 = E and no arrival received: creates the ed_visit',
    event: (ids) =>
      adt(ids, 'A03', FRI_NIGHT, { patientClass: 'E', discharge: FRI_NIGHT, disposition: '01' }),
    outcome: 'created',
    followUps: () => [{ kind: 'ed_visit', status: 'open', inEdNow: false, dueAt: MON }],
  },
  {
    name: 'A01 with PV1-4 = E only (emergency admission type, not an ED visit): none',
    event: (ids) =>
      adt(ids, 'A01', FRI_MORNING, { patientClass: 'I', admissionType: 'E', admit: FRI_MORNING }),
    outcome: 'none',
    followUps: () => [],
  },
  {
    name: 'an ED arrival on Thursday evening is due Friday',
    event: (ids) => edArrival(ids),
    outcome: 'created',
    followUps: () => [{ kind: 'ed_visit', status: 'open', inEdNow: true, dueAt: FRI }],
  },
  {
    name: 'A06 (ED → inpatient): cancels the ed_visit as admitted',
    before: (ids) => [edArrival(ids)],
    event: (ids) => adt(ids, 'A06', FRI_MORNING, { patientClass: 'I' }),
    outcome: 'cancelled',
    followUps: () => [{ kind: 'ed_visit', status: 'cancelled', statusReason: 'admitted' }],
  },
  {
    name: 'A01 with PV1-2 = I on an encounter with an open ed_visit: cancels it as admitted',
    before: (ids) => [edArrival(ids)],
    event: (ids) => adt(ids, 'A01', FRI_MORNING, { patientClass: 'I', admit: FRI_MORNING }),
    outcome: 'cancelled',
    followUps: () => [{ kind: 'ed_visit', status: 'cancelled', statusReason: 'admitted' }],
  },
  ...NON_ROUTING_EVENTS.map<Row>((event) => ({
    name: `${event}: no follow-up, state and location kept`,
    event: (ids) =>
      adt(ids, event, FRI_MORNING, { patientClass: 'I', location: '4W^401^A', admit: MON_ADMIT }),
    outcome: 'none',
    followUps: () => [],
    encounter: { patient_class: 'I', assigned_location: '4W^401^A' },
  })),
  {
    name: 'A03 with PV1-2 = I: creates the discharge follow-up, due end of the 2nd business day, visit by day 14',
    event: (ids) => inpatientDischarge(ids),
    outcome: 'created',
    followUps: () => [openDischarge()],
  },
  {
    name: 'A03 of an observation stay (PV1-2 = O, PV1-10 = OBS): a discharge follow-up',
    event: (ids) => inpatientDischarge(ids, '01', { patientClass: 'O', hospitalService: 'OBS' }),
    outcome: 'created',
    followUps: () => [openDischarge()],
  },
  {
    name: 'A03 of an observation stay (PV1-2 = O, PV1-18 = OBS): a discharge follow-up',
    event: (ids) => inpatientDischarge(ids, '01', { patientClass: 'O', patientType: 'OBS' }),
    outcome: 'created',
    followUps: () => [openDischarge()],
  },
  {
    name: 'A03 of an outpatient visit (PV1-2 = O, no observation code): none',
    event: (ids) => inpatientDischarge(ids, '01', { patientClass: 'O', hospitalService: 'MED' }),
    outcome: 'none',
    followUps: () => [],
  },
  ...EXPIRED.map<Row>((code) => ({
    name: `A03 disposition ${code} (expired): nothing created, the patient's open follow-ups cancelled`,
    before: (ids) => [edArrival({ ...ids, visit: ids.otherVisit })],
    event: (ids) => inpatientDischarge(ids, code),
    outcome: 'cancelled',
    followUps: () => [{ kind: 'ed_visit', status: 'cancelled', statusReason: 'deceased' }],
  })),
  {
    name: 'PID-30 = Y: nothing created, the patient’s open follow-ups cancelled',
    before: (ids) => [edArrival({ ...ids, visit: ids.otherVisit })],
    event: (ids) => inpatientDischarge(ids, '01', { deceased: true }),
    outcome: 'cancelled',
    followUps: () => [{ kind: 'ed_visit', status: 'cancelled', statusReason: 'deceased' }],
  },
  {
    name: 'a patient stored as deceased gets no follow-up from a later event without PID-30',
    before: (ids) => [adt(ids, 'A31', FRI_MORNING, { deceased: true, noVisit: true })],
    event: (ids) => inpatientDischarge(ids),
    outcome: 'cancelled',
    followUps: () => [],
  },
  ...POST_ACUTE.map<Row>((code) => ({
    name: `A03 disposition ${code} (post-acute hand-off): no call task, a timeline entry`,
    event: (ids) => inpatientDischarge(ids, code),
    outcome: 'none',
    followUps: () => [],
    note: /call when they leave that facility/,
  })),
  ...NO_CALL.map<Row>(([code, note]) => ({
    name: `A03 disposition ${code}: no call task, a timeline entry`,
    event: (ids) => inpatientDischarge(ids, code),
    outcome: 'none',
    followUps: () => [],
    note,
  })),
  {
    name: 'A03 disposition 07 (against medical advice): high priority, visit by day 7',
    event: (ids) => inpatientDischarge(ids, '07'),
    outcome: 'created',
    followUps: () => [openDischarge('high', DAY_7)],
  },
  {
    name: 'A03 disposition 01 (home): routine priority, visit by day 14',
    event: (ids) => inpatientDischarge(ids, '01'),
    outcome: 'created',
    followUps: () => [openDischarge('normal', DAY_14)],
  },
  {
    name: 'A08: updates the existing follow-up (disposition 07 raises the priority)',
    before: (ids) => [inpatientDischarge(ids)],
    event: (ids) => adt(ids, 'A08', FRI_MORNING, { patientClass: 'I', disposition: '07' }),
    outcome: 'updated',
    followUps: () => [openDischarge('high', DAY_7)],
  },
  {
    name: 'A08: a corrected discharge time moves the due date, and no second follow-up',
    before: (ids) => [inpatientDischarge(ids)],
    event: (ids) => adt(ids, 'A08', FRI_MORNING, { patientClass: 'I', discharge: '202611201000' }),
    outcome: 'updated',
    followUps: () => [{ kind: 'discharge', status: 'open', dueAt: TUE }],
  },
  {
    name: 'A08 that sets disposition 20: cancels',
    before: (ids) => [inpatientDischarge(ids)],
    event: (ids) => adt(ids, 'A08', FRI_MORNING, { patientClass: 'I', disposition: '20' }),
    outcome: 'cancelled',
    followUps: () => [{ kind: 'discharge', status: 'cancelled', statusReason: 'deceased' }],
  },
  {
    name: 'A08 carrying a discharge when the A03 was lost: creates the one follow-up',
    event: (ids) =>
      adt(ids, 'A08', FRI_MORNING, { patientClass: 'I', admit: MON_ADMIT, discharge: THU_DISCHARGE }),
    outcome: 'created',
    followUps: () => [openDischarge()],
  },
  {
    name: 'A11 (cancel visit): cancels the encounter’s follow-up',
    before: (ids) => [inpatientDischarge(ids)],
    event: (ids) => adt(ids, 'A11', FRI_MORNING, { patientClass: 'I' }),
    outcome: 'cancelled',
    followUps: () => [{ kind: 'discharge', status: 'cancelled', statusReason: 'visit_cancelled' }],
  },
  {
    name: 'A13 (cancel discharge): cancels the discharge follow-up',
    before: (ids) => [inpatientDischarge(ids)],
    event: (ids) => adt(ids, 'A13', FRI_MORNING, { patientClass: 'I' }),
    outcome: 'cancelled',
    followUps: () => [{ kind: 'discharge', status: 'cancelled', statusReason: 'discharge_cancelled' }],
  },
  {
    name: 'A13 after a navigator logged an action: kept visible, flagged "discharge cancelled"',
    before: (ids) => [inpatientDischarge(ids)],
    navigator: 'logs an action',
    event: (ids) => adt(ids, 'A13', FRI_MORNING, { patientClass: 'I' }),
    outcome: 'updated',
    followUps: () => [{ kind: 'discharge', status: 'in_progress', dischargeCancelled: true }],
  },
  {
    name: 'A03 after A13 (a real re-discharge): a new discharge follow-up',
    before: (ids) => [inpatientDischarge(ids), adt(ids, 'A13', '202611191500', { patientClass: 'I' })],
    event: (ids) =>
      adt(ids, 'A03', FRI_MORNING, { patientClass: 'I', discharge: FRI_MORNING, disposition: '01' }),
    outcome: 'created',
    followUps: () => [
      { kind: 'discharge', status: 'cancelled', statusReason: 'discharge_cancelled' },
      { kind: 'discharge', status: 'open', dueAt: TUE },
    ],
  },
  ...['A28', 'A31'].map<Row>((event) => ({
    name: `${event}: demographics only`,
    before: (ids) => [inpatientDischarge(ids)],
    event: (ids) => adt(ids, event, FRI_MORNING, { familyName: 'SMITH', noVisit: true }),
    outcome: 'none',
    followUps: () => [openDischarge()],
  })),
  ...PATIENT_MERGES.map<Row>((event) => ({
    name: `${event} (merge): the prior patient's follow-up moves to the survivor`,
    before: (ids) => [inpatientDischarge({ ...ids, mrn: ids.prior })],
    event: (ids) => adt(ids, event, FRI_MORNING, { prior: { mrn: ids.prior }, noVisit: true }),
    outcome: 'merged',
    followUps: (ids) => [{ ...openDischarge(), visit: ids.visit }],
  })),
  {
    name: 'A47 (identifier change): the follow-up is filed under the new identifier',
    before: (ids) => [inpatientDischarge({ ...ids, mrn: ids.prior })],
    event: (ids) => adt(ids, 'A47', FRI_MORNING, { prior: { mrn: ids.prior }, noVisit: true }),
    outcome: 'merged',
    followUps: (ids) => [{ ...openDischarge(), visit: ids.visit }],
  },
  {
    name: 'A42 (visit merge): the encounter is re-keyed to the new visit number',
    before: (ids) => [inpatientDischarge({ ...ids, visit: ids.otherVisit })],
    event: (ids) => adt(ids, 'A42', FRI_MORNING, { patientClass: 'I', prior: { visit: ids.otherVisit } }),
    outcome: 'merged',
    followUps: (ids) => [{ ...openDischarge(), visit: ids.visit }],
  },
  {
    name: 'A41 (account merge): the encounter takes the surviving account number',
    before: (ids) => [inpatientDischarge(ids, '01', { account: `${ids.visit}-ACC1` })],
    event: (ids) =>
      adt(ids, 'A41', FRI_MORNING, { account: `${ids.visit}-ACC2`, prior: { account: `${ids.visit}-ACC1` } }),
    outcome: 'merged',
    followUps: () => [openDischarge()],
  },
];

describe('routing table (routing.md, Event handling)', () => {
  let h: ApplyHarness;

  beforeAll(async () => {
    h = await createApplyHarness('routing');
  });

  afterAll(async () => {
    await h.close();
  });

  async function outcomeOf(result: ApplyOutcome, messageId: string): Promise<Outcome> {
    const merge = await h.db.pool.query<{ outcome: string }>(
      'SELECT outcome FROM patient_merges WHERE message_id = $1',
      [messageId],
    );
    if (merge.rows[0]) return merge.rows[0].outcome === 'merged' ? 'merged' : 'none';
    if (result.created.length > 0) return 'created';
    if (result.effects.some((e) => e === 'cancel' || e === 'cancel_all_for_patient')) return 'cancelled';
    if (result.effects.includes('update')) return 'updated';
    return 'none';
  }

  it.each(rows.map((row, i) => ({ ...row, i })))('$name', async (row) => {
    const ids: Ids = {
      mrn: `RT${String(row.i)}`,
      prior: `RTP${String(row.i)}`,
      visit: `V-RT${String(row.i)}`,
      otherVisit: `V-RTX${String(row.i)}`,
    };
    for (const m of row.before?.(ids) ?? []) await h.apply(m);
    if (row.navigator) {
      const [first] = await h.followUpsOf(ids.mrn);
      await appendCareAction(h.db.pool, {
        followUpId: first?.id ?? '0',
        type: 'contact_attempt',
        outcome: 'no answer',
        note: null,
        at: new Date(),
        actor: 'navigator',
      });
    }
    const event = row.event(ids);
    const messageId = await h.store(event);
    const result = await applyMessage(h.deps, messageId);
    expect(result.status).toBe('applied');

    expect(await outcomeOf(result, messageId)).toBe(row.outcome);
    const mrn = row.mrn?.(ids) ?? ids.mrn;
    const followUps = await h.followUpsOf(mrn);
    expect(followUps).toHaveLength(row.followUps(ids).length);
    expect(followUps).toMatchObject(row.followUps(ids));

    if (row.note) {
      const note = await h.db.pool.query<{ note: string | null }>(
        'SELECT note FROM encounter_events WHERE message_id = $1',
        [messageId],
      );
      expect(note.rows[0]?.note).toMatch(row.note);
    }
    if (row.encounter) {
      const encounter = await h.db.pool.query<Record<string, string>>(
        'SELECT patient_class, assigned_location FROM encounters WHERE visit_number = $1',
        [ids.visit],
      );
      expect(encounter.rows[0]).toMatchObject(row.encounter);
    }
  });

  it('A28/A31 change the patient’s demographics and open no encounter', async () => {
    const ids = { mrn: 'RT-DEMO', prior: '', visit: 'V-RT-DEMO', otherVisit: '' };
    await h.apply(inpatientDischarge(ids));
    await h.apply(adt(ids, 'A31', FRI_MORNING, { familyName: 'SMITH', noVisit: true }));
    const patient = await h.db.pool.query<{ family_name: string; encounters: string }>(
      `SELECT p.family_name, (SELECT count(*) FROM encounters e WHERE e.patient_id = p.id) AS encounters
         FROM patients p WHERE p.mrn = $1`,
      [ids.mrn],
    );
    expect(patient.rows[0]).toEqual({ family_name: 'SMITH', encounters: '1' });
  });

  it('a merge for an unknown prior id moves nothing and is recorded as such', async () => {
    const ids = { mrn: 'RT-SURV', prior: 'RT-NOBODY', visit: 'V-RT-SURV', otherVisit: '' };
    await h.apply(inpatientDischarge(ids));
    const messageId = await h.store(
      adt(ids, 'A40', FRI_MORNING, { prior: { mrn: ids.prior }, noVisit: true }),
    );
    await applyMessage(h.deps, messageId);
    const audit = await h.db.pool.query<{ outcome: string; moved: unknown }>(
      'SELECT outcome, moved FROM patient_merges WHERE message_id = $1',
      [messageId],
    );
    expect(audit.rows).toEqual([{ outcome: 'prior_unknown', moved: {} }]);
    expect(await h.followUpsOf(ids.mrn)).toMatchObject([openDischarge()]);
  });
});
