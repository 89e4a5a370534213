import { describe, expect, it } from 'vitest';

import type { AdtEventInput } from './adt-event.js';
import { DEFAULT_OBSERVATION_CODES } from './adt-event.js';
import { describeHandOff } from './disposition.js';
import type { ExistingFollowUp, FollowUpEffect, FollowUpKind } from './follow-up.js';
import { planFollowUpEffects } from './follow-up-rules.js';
import type { RulesConfig } from './rule-context.js';

const config: RulesConfig = {
  calendar: { zone: 'America/New_York', holidays: new Set(['2024-07-04']) },
  observationCodes: DEFAULT_OBSERVATION_CODES,
};

// Inpatient stay: admitted Monday, discharged Friday 8 March 2024, the
// weekend before the US spring-forward change.
const inpatient = (overrides: Partial<AdtEventInput> = {}): AdtEventInput => ({
  eventType: 'A03',
  occurredAt: new Date('2024-03-08T14:05:00-05:00'),
  patientClass: 'I',
  hospitalService: 'MED',
  patientType: 'IP',
  dischargeDisposition: '01',
  admitAt: new Date('2024-03-04T10:00:00-05:00'),
  dischargeAt: new Date('2024-03-08T14:00:00-05:00'),
  deceased: false,
  ...overrides,
});
/** Friday discharge + 2 business days: Tuesday, end of day, EDT. */
const CALL_DUE = new Date('2024-03-12T23:59:59.999-04:00');
const VISIT_BY_DAY_14 = new Date('2024-03-22T23:59:59.999-04:00');
const VISIT_BY_DAY_7 = new Date('2024-03-15T23:59:59.999-04:00');
/** For a discharge on Monday 11 March: Wednesday, and day 14. */
const MONDAY_DISCHARGE = new Date('2024-03-11T10:00:00-04:00');
const MONDAY_CALL_DUE = new Date('2024-03-13T23:59:59.999-04:00');
const MONDAY_VISIT_BY_DAY_14 = new Date('2024-03-25T23:59:59.999-04:00');

// ED visit: arrived Thursday evening, discharged after midnight on Friday.
const ed = (overrides: Partial<AdtEventInput> = {}): AdtEventInput => ({
  ...inpatient(),
  patientClass: 'E',
  hospitalService: 'EM',
  patientType: 'ER',
  admitAt: new Date('2024-03-07T22:00:00-05:00'),
  dischargeAt: new Date('2024-03-08T01:30:00-05:00'),
  occurredAt: new Date('2024-03-08T01:35:00-05:00'),
  ...overrides,
});
/** Thursday arrival + 1 business day: Friday, end of day, EST. */
const ED_ARRIVAL_DUE = new Date('2024-03-08T23:59:59.999-05:00');
/** Friday ED discharge + 1 business day: Monday, end of day, EDT. */
const ED_DISCHARGE_DUE = new Date('2024-03-11T23:59:59.999-04:00');

const followUp = (
  id: string,
  kind: FollowUpKind,
  overrides: Partial<ExistingFollowUp> = {},
): ExistingFollowUp => ({
  id,
  kind,
  status: 'open',
  hasActions: false,
  inEdNow: kind === 'ed_visit',
  ...overrides,
});
const edInEd = followUp('ed-1', 'ed_visit');
const edDischarged = followUp('ed-1', 'ed_visit', { inEdNow: false });
const dischargeOpen = followUp('dc-1', 'discharge');

const handOff = (code: string): FollowUpEffect => ({
  type: 'timeline',
  note: `Discharged to ${describeHandOff(code)}; call when they leave that facility.`,
});
const noCall = (code: string, keptOpen = false): FollowUpEffect => ({
  type: 'timeline',
  note: keptOpen
    ? `Discharged to ${describeHandOff(code)}; the open follow-up is kept for the navigator to review.`
    : `Discharged to ${describeHandOff(code)}; no call task.`,
});
const DECEASED: FollowUpEffect = { type: 'cancel_all_for_patient', reason: 'deceased' };

type CreateEffect = Extract<FollowUpEffect, { type: 'create' }>;
// The create effect of one kind as the rules give it by default, with what a test changes.
const createOf =
  (defaults: Omit<CreateEffect, 'type'>) =>
  (overrides: Partial<CreateEffect> = {}): FollowUpEffect => ({ type: 'create', ...defaults, ...overrides });
const createDischarge = createOf({
  kind: 'discharge',
  dueAt: CALL_DUE,
  visitDueBy: VISIT_BY_DAY_14,
  priority: 'normal',
  inEdNow: false,
  reason: 'discharge',
});
const createEdVisit = createOf({
  kind: 'ed_visit',
  dueAt: ED_ARRIVAL_DUE,
  visitDueBy: null,
  priority: 'normal',
  inEdNow: true,
  reason: 'ed arrival',
});

interface Row {
  name: string;
  event: AdtEventInput;
  existing?: ExistingFollowUp[];
  config?: RulesConfig;
  expected: FollowUpEffect[];
}

const check = ({ event, existing = [], config: rowConfig = config, expected }: Omit<Row, 'name'>): void => {
  expect(planFollowUpEffects(event, existing, rowConfig)).toStrictEqual(expected);
};

describe('routing table: ED arrival (A04, or A01, with PV1-2 = E)', () => {
  it.each<Row>([
    {
      name: 'A04 E creates the ed_visit, in ED now, due arrival + 1 bd',
      event: ed({ eventType: 'A04', dischargeAt: null }),
      expected: [createEdVisit()],
    },
    {
      name: 'A01 E creates the ed_visit',
      event: ed({ eventType: 'A01', dischargeAt: null }),
      expected: [createEdVisit()],
    },
    {
      name: 'without PV1-44 the event time is the arrival',
      event: ed({
        eventType: 'A04',
        admitAt: null,
        dischargeAt: null,
        occurredAt: new Date('2024-03-08T09:00:00-05:00'),
      }),
      expected: [createEdVisit({ dueAt: ED_DISCHARGE_DUE })],
    },
    {
      name: 'a repeated arrival updates the open ed_visit, never a second',
      event: ed({ eventType: 'A04', dischargeAt: null }),
      existing: [edInEd],
      expected: [
        {
          type: 'update',
          followUpId: 'ed-1',
          dueAt: ED_ARRIVAL_DUE,
          inEdNow: true,
          reason: 'ed arrival repeated',
        },
      ],
    },
    {
      name: 'an arrival after the ED discharge changes nothing',
      event: ed({ eventType: 'A04', dischargeAt: null }),
      existing: [edDischarged],
      expected: [],
    },
    {
      name: 'a cancelled ed_visit is not replaced',
      event: ed({ eventType: 'A01', dischargeAt: null }),
      existing: [followUp('ed-1', 'ed_visit', { status: 'cancelled' })],
      expected: [],
    },
    {
      name: 'A04 with PV1-2 = O is a clinic registration: nothing',
      event: inpatient({ eventType: 'A04', patientClass: 'O', dischargeAt: null }),
      expected: [],
    },
    {
      name: 'PV1-4 = E alone is not an ED visit (A01 I, no ed_visit)',
      event: inpatient({ eventType: 'A01', dischargeAt: null }),
      expected: [],
    },
  ])('$name', check);
});

describe('routing table: ED discharge (A03 with PV1-2 = E)', () => {
  it.each<Row>([
    {
      name: 'updates the ed_visit: clears in ED, due discharge + 1 bd',
      event: ed(),
      existing: [edInEd],
      expected: [
        {
          type: 'update',
          followUpId: 'ed-1',
          dueAt: ED_DISCHARGE_DUE,
          inEdNow: false,
          priority: 'normal',
          reason: 'ed discharge',
        },
      ],
    },
    {
      name: 'creates it when the arrival never came',
      event: ed(),
      expected: [createEdVisit({ dueAt: ED_DISCHARGE_DUE, inEdNow: false, reason: 'ed discharge' })],
    },
    {
      name: 'a done ed_visit is not reopened or duplicated',
      event: ed(),
      existing: [followUp('ed-1', 'ed_visit', { status: 'done' })],
      expected: [],
    },
    {
      name: 'without PV1-45 the event time is the discharge',
      event: ed({ dischargeAt: null, occurredAt: new Date('2024-03-07T23:30:00-05:00') }),
      existing: [edInEd],
      expected: [
        {
          type: 'update',
          followUpId: 'ed-1',
          dueAt: ED_ARRIVAL_DUE,
          inEdNow: false,
          priority: 'normal',
          reason: 'ed discharge',
        },
      ],
    },
  ])('$name', check);
});

describe('routing table: admitted from the ED (A06, or A01 with PV1-2 = I)', () => {
  const cancelAdmitted: FollowUpEffect = { type: 'cancel', followUpId: 'ed-1', reason: 'admitted' };
  it.each<Row>([
    {
      name: 'A06 cancels the open ed_visit',
      event: inpatient({ eventType: 'A06', dischargeAt: null }),
      existing: [edInEd],
      expected: [cancelAdmitted],
    },
    {
      name: 'A06 without an ed_visit: nothing',
      event: inpatient({ eventType: 'A06', dischargeAt: null }),
      expected: [],
    },
    {
      name: 'A01 I cancels the open ed_visit',
      event: inpatient({ eventType: 'A01', dischargeAt: null }),
      existing: [edInEd],
      expected: [cancelAdmitted],
    },
    {
      name: 'A01 into observation cancels it too',
      event: inpatient({ eventType: 'A01', patientClass: 'O', hospitalService: 'OBS', dischargeAt: null }),
      existing: [edInEd],
      expected: [cancelAdmitted],
    },
    {
      name: 'A02 moving the patient to an inpatient bed cancels it',
      event: inpatient({ eventType: 'A02', dischargeAt: null }),
      existing: [edInEd],
      expected: [cancelAdmitted],
    },
    {
      name: 'A02 within the ED: nothing',
      event: ed({ eventType: 'A02', dischargeAt: null }),
      existing: [edInEd],
      expected: [],
    },
    {
      name: 'a done ed_visit is left alone',
      event: inpatient({ eventType: 'A06', dischargeAt: null }),
      existing: [followUp('ed-1', 'ed_visit', { status: 'done' })],
      expected: [],
    },
  ])('$name', check);
});

describe('routing table: inpatient and observation discharge (A03)', () => {
  it.each<Row>([
    {
      name: 'A03 I creates the discharge follow-up on the TCM clock',
      event: inpatient(),
      expected: [createDischarge()],
    },
    {
      name: 'observation by hospital service (PV1-10)',
      event: inpatient({ patientClass: 'O', hospitalService: 'OBS' }),
      expected: [createDischarge()],
    },
    {
      name: 'observation by patient type (PV1-18)',
      event: inpatient({ patientClass: 'O', patientType: 'OBS' }),
      expected: [createDischarge()],
    },
    {
      name: 'a site code for partial hospitalisation',
      event: inpatient({ patientClass: 'O', hospitalService: 'PHP' }),
      config: { ...config, observationCodes: new Set(['OBS', 'PHP']) },
      expected: [createDischarge()],
    },
    {
      name: 'plain outpatient discharge: nothing',
      event: inpatient({ patientClass: 'O', hospitalService: 'CAR' }),
      expected: [],
    },
    {
      name: 'without PV1-45 the event time is the discharge',
      event: inpatient({ dischargeAt: null, occurredAt: MONDAY_DISCHARGE }),
      expected: [createDischarge({ dueAt: MONDAY_CALL_DUE, visitDueBy: MONDAY_VISIT_BY_DAY_14 })],
    },
    {
      name: 'a late evening discharge counts from its local date',
      event: inpatient({ dischargeAt: new Date('2024-03-08T23:30:00-05:00') }),
      expected: [createDischarge()],
    },
    {
      name: 'a discharge the day before a holiday skips it',
      event: inpatient({ dischargeAt: new Date('2024-07-03T16:00:00-04:00') }),
      expected: [
        createDischarge({
          dueAt: new Date('2024-07-08T23:59:59.999-04:00'),
          visitDueBy: new Date('2024-07-17T23:59:59.999-04:00'),
        }),
      ],
    },
    {
      name: 'an open discharge follow-up is updated, never a second',
      event: inpatient(),
      existing: [dischargeOpen],
      expected: [
        {
          type: 'update',
          followUpId: 'dc-1',
          dueAt: CALL_DUE,
          visitDueBy: VISIT_BY_DAY_14,
          priority: 'normal',
          dischargeCancelled: false,
          reason: 'discharge repeated',
        },
      ],
    },
    {
      name: 'an in-progress one is updated too',
      event: inpatient(),
      existing: [followUp('dc-1', 'discharge', { status: 'in_progress', hasActions: true })],
      expected: [
        {
          type: 'update',
          followUpId: 'dc-1',
          dueAt: CALL_DUE,
          visitDueBy: VISIT_BY_DAY_14,
          priority: 'normal',
          dischargeCancelled: false,
          reason: 'discharge repeated',
        },
      ],
    },
    {
      name: 'a done one blocks a duplicate',
      event: inpatient(),
      existing: [followUp('dc-1', 'discharge', { status: 'done' })],
      expected: [],
    },
    {
      name: 'a re-discharge after a cancelled one (A13) creates a new one',
      event: inpatient(),
      existing: [followUp('dc-1', 'discharge', { status: 'cancelled' })],
      expected: [createDischarge()],
    },
    {
      name: 'an ED visit still open on the stay is cancelled as admitted',
      event: inpatient(),
      existing: [edInEd],
      expected: [{ type: 'cancel', followUpId: 'ed-1', reason: 'admitted' }, createDischarge()],
    },
  ])('$name', check);
});

describe('disposition groups on A03', () => {
  it.each(['20', '40', '41', '42'])(
    'expired %s: cancel every open follow-up of the patient, create none',
    (code) => {
      check({
        event: inpatient({ dischargeDisposition: code }),
        existing: [dischargeOpen],
        expected: [DECEASED],
      });
      check({ event: ed({ dischargeDisposition: code }), existing: [edInEd], expected: [DECEASED] });
    },
  );

  it('PID-30 = Y: deceased whatever the disposition', () => {
    check({ event: inpatient({ deceased: true }), expected: [DECEASED] });
    check({ event: ed({ eventType: 'A04', deceased: true }), expected: [DECEASED] });
  });

  it.each(['02', '05', '43', '61', '62', '63', '64', '65', '66', '03'])(
    'post-acute %s: timeline only',
    (code) => {
      check({ event: inpatient({ dischargeDisposition: code }), expected: [handOff(code)] });
    },
  );

  it('post-acute with an open discharge follow-up (a corrected A03): cancelled as admitted', () => {
    check({
      event: inpatient({ dischargeDisposition: '03' }),
      existing: [dischargeOpen, followUp('dc-0', 'discharge', { status: 'done' })],
      expected: [{ type: 'cancel', followUpId: 'dc-1', reason: 'admitted' }, handOff('03')],
    });
  });

  it.each(['50', '51', '21'])('hospice / law enforcement %s: timeline only', (code) => {
    check({ event: inpatient({ dischargeDisposition: code }), expected: [noCall(code)] });
  });

  it('hospice with an open follow-up: kept, updated, and said so on the timeline', () => {
    check({
      event: inpatient({ dischargeDisposition: '50' }),
      existing: [dischargeOpen],
      expected: [
        {
          type: 'update',
          followUpId: 'dc-1',
          dueAt: CALL_DUE,
          visitDueBy: VISIT_BY_DAY_14,
          priority: 'normal',
          dischargeCancelled: false,
          reason: 'discharge repeated',
        },
        noCall('50', true),
      ],
    });
  });

  it.each(['07', '7'])('AMA %j: high priority, visit by day 7', (code) => {
    check({
      event: inpatient({ dischargeDisposition: code }),
      expected: [createDischarge({ priority: 'high', visitDueBy: VISIT_BY_DAY_7 })],
    });
  });

  it.each(['01', '06', '04', '', 'XYZ'])('home or unknown %j: routine follow-up', (code) => {
    check({ event: inpatient({ dischargeDisposition: code }), expected: [createDischarge()] });
  });

  it.each<Row>([
    {
      name: 'ED transfer to another hospital cancels the ed_visit as admitted',
      event: ed({ dischargeDisposition: '02' }),
      existing: [edInEd],
      expected: [{ type: 'cancel', followUpId: 'ed-1', reason: 'admitted' }, handOff('02')],
    },
    {
      name: 'ED disposition 09 (admitted here) cancels it as admitted',
      event: ed({ dischargeDisposition: '09' }),
      existing: [edInEd],
      expected: [{ type: 'cancel', followUpId: 'ed-1', reason: 'admitted' }, handOff('09')],
    },
    {
      name: 'ED AMA raises the priority',
      event: ed({ dischargeDisposition: '07' }),
      existing: [edInEd],
      expected: [
        {
          type: 'update',
          followUpId: 'ed-1',
          dueAt: ED_DISCHARGE_DUE,
          inEdNow: false,
          priority: 'high',
          reason: 'ed discharge',
        },
      ],
    },
    {
      name: 'ED AMA without an arrival creates a high-priority ed_visit',
      event: ed({ dischargeDisposition: '07' }),
      expected: [
        createEdVisit({ dueAt: ED_DISCHARGE_DUE, inEdNow: false, priority: 'high', reason: 'ed discharge' }),
      ],
    },
    {
      name: 'ED discharge to hospice keeps the existing ed_visit visible',
      event: ed({ dischargeDisposition: '51' }),
      existing: [edInEd],
      expected: [
        {
          type: 'update',
          followUpId: 'ed-1',
          dueAt: ED_DISCHARGE_DUE,
          inEdNow: false,
          priority: 'normal',
          reason: 'ed discharge',
        },
        noCall('51', true),
      ],
    },
    {
      name: 'ED discharge to law enforcement without an ed_visit: timeline only',
      event: ed({ dischargeDisposition: '21' }),
      expected: [noCall('21')],
    },
  ])('$name', check);
});

describe('routing table: A08 re-applies the rules to the merged state', () => {
  it.each<Row>([
    {
      name: 'a corrected discharge time moves the clocks',
      event: inpatient({ eventType: 'A08', dischargeAt: MONDAY_DISCHARGE }),
      existing: [dischargeOpen],
      expected: [
        {
          type: 'update',
          followUpId: 'dc-1',
          dueAt: MONDAY_CALL_DUE,
          visitDueBy: MONDAY_VISIT_BY_DAY_14,
          priority: 'normal',
          reason: 'encounter updated',
        },
      ],
    },
    {
      name: 'disposition corrected to AMA raises the priority',
      event: inpatient({ eventType: 'A08', dischargeDisposition: '07' }),
      existing: [dischargeOpen],
      expected: [
        {
          type: 'update',
          followUpId: 'dc-1',
          dueAt: CALL_DUE,
          visitDueBy: VISIT_BY_DAY_7,
          priority: 'high',
          reason: 'encounter updated',
        },
      ],
    },
    {
      name: 'disposition 20 cancels as deceased',
      event: inpatient({ eventType: 'A08', dischargeDisposition: '20' }),
      existing: [dischargeOpen],
      expected: [DECEASED],
    },
    {
      name: 'PID-30 = Y cancels as deceased',
      event: inpatient({ eventType: 'A08', deceased: true }),
      existing: [dischargeOpen],
      expected: [DECEASED],
    },
    {
      name: 'no discharge time in the merged state: the clocks are left alone',
      event: inpatient({ eventType: 'A08', dischargeAt: null }),
      existing: [dischargeOpen],
      expected: [{ type: 'update', followUpId: 'dc-1', priority: 'normal', reason: 'encounter updated' }],
    },
    {
      name: 'a discharge with no follow-up ever (lost A03) creates one',
      event: inpatient({ eventType: 'A08' }),
      expected: [createDischarge({ reason: 'discharge found on update' })],
    },
    {
      name: 'a cancelled one is never replaced by an A08',
      event: inpatient({ eventType: 'A08' }),
      existing: [followUp('dc-1', 'discharge', { status: 'cancelled' })],
      expected: [],
    },
    {
      name: 'a done one is never touched',
      event: inpatient({ eventType: 'A08' }),
      existing: [followUp('dc-1', 'discharge', { status: 'done' })],
      expected: [],
    },
    {
      name: 'an inpatient still in hospital: nothing',
      event: inpatient({ eventType: 'A08', dischargeAt: null }),
      expected: [],
    },
    {
      name: 'an ED encounter now inpatient: the ed_visit is cancelled as admitted',
      event: inpatient({ eventType: 'A08', dischargeAt: null, dischargeDisposition: '' }),
      existing: [edInEd],
      expected: [{ type: 'cancel', followUpId: 'ed-1', reason: 'admitted' }],
    },
    {
      name: 'disposition corrected to SNF cancels as admitted, with the hand-off',
      event: inpatient({ eventType: 'A08', dischargeDisposition: '03' }),
      existing: [dischargeOpen],
      expected: [{ type: 'cancel', followUpId: 'dc-1', reason: 'admitted' }, handOff('03')],
    },
    {
      name: 'a repeated post-acute A08 with nothing left to cancel stays silent',
      event: inpatient({ eventType: 'A08', dischargeDisposition: '03' }),
      existing: [followUp('dc-1', 'discharge', { status: 'cancelled' })],
      expected: [],
    },
    {
      name: 'hospice on an A08 keeps the follow-up without repeating the timeline',
      event: inpatient({ eventType: 'A08', dischargeDisposition: '50' }),
      existing: [dischargeOpen],
      expected: [
        {
          type: 'update',
          followUpId: 'dc-1',
          dueAt: CALL_DUE,
          visitDueBy: VISIT_BY_DAY_14,
          priority: 'normal',
          reason: 'encounter updated',
        },
      ],
    },
    {
      name: 'ED still in the ED: a corrected arrival moves the clock',
      event: ed({ eventType: 'A08', dischargeAt: null, dischargeDisposition: '' }),
      existing: [edInEd],
      expected: [
        {
          type: 'update',
          followUpId: 'ed-1',
          dueAt: ED_ARRIVAL_DUE,
          priority: 'normal',
          reason: 'encounter updated',
        },
      ],
    },
    {
      name: 'ED discharged without PV1-45: "in ED now" is not set back',
      event: ed({ eventType: 'A08', dischargeAt: null }),
      existing: [edDischarged],
      expected: [{ type: 'update', followUpId: 'ed-1', priority: 'normal', reason: 'encounter updated' }],
    },
    {
      name: 'ED discharge time arriving by A08 clears "in ED now"',
      event: ed({ eventType: 'A08' }),
      existing: [edInEd],
      expected: [
        {
          type: 'update',
          followUpId: 'ed-1',
          dueAt: ED_DISCHARGE_DUE,
          inEdNow: false,
          priority: 'normal',
          reason: 'encounter updated',
        },
      ],
    },
    {
      name: 'ED discharge with no ed_visit ever creates one',
      event: ed({ eventType: 'A08' }),
      expected: [
        createEdVisit({ dueAt: ED_DISCHARGE_DUE, inEdNow: false, reason: 'ed discharge found on update' }),
      ],
    },
    {
      name: 'ED without a discharge time and no ed_visit: nothing',
      event: ed({ eventType: 'A08', dischargeAt: null }),
      expected: [],
    },
  ])('$name', check);
});

describe('routing table: A11 and A13', () => {
  it.each<Row>([
    {
      name: 'A11 cancels every open follow-up of the encounter',
      event: inpatient({ eventType: 'A11' }),
      existing: [dischargeOpen, edInEd, followUp('dc-0', 'discharge', { status: 'done' })],
      expected: [
        { type: 'cancel', followUpId: 'dc-1', reason: 'visit_cancelled' },
        { type: 'cancel', followUpId: 'ed-1', reason: 'visit_cancelled' },
      ],
    },
    {
      name: 'A11 with nothing open: nothing',
      event: inpatient({ eventType: 'A11' }),
      existing: [followUp('dc-1', 'discharge', { status: 'cancelled' })],
      expected: [],
    },
    {
      name: 'A13 cancels the discharge follow-up',
      event: inpatient({ eventType: 'A13', dischargeAt: null }),
      existing: [dischargeOpen],
      expected: [{ type: 'cancel', followUpId: 'dc-1', reason: 'discharge_cancelled' }],
    },
    {
      name: 'A13 with actions logged keeps it, flagged',
      event: inpatient({ eventType: 'A13', dischargeAt: null }),
      existing: [followUp('dc-1', 'discharge', { status: 'in_progress', hasActions: true })],
      expected: [
        {
          type: 'update',
          followUpId: 'dc-1',
          dischargeCancelled: true,
          reason: 'discharge cancelled after actions',
        },
      ],
    },
    {
      name: 'A13 with a done follow-up: nothing',
      event: inpatient({ eventType: 'A13' }),
      existing: [followUp('dc-1', 'discharge', { status: 'done' })],
      expected: [],
    },
    {
      name: 'A13 on an ED encounter puts the patient back in the ED',
      event: ed({ eventType: 'A13', dischargeAt: null }),
      existing: [edDischarged],
      expected: [{ type: 'update', followUpId: 'ed-1', inEdNow: true, reason: 'ed discharge cancelled' }],
    },
  ])('$name', check);
});

describe('routing table: events without a follow-up effect', () => {
  it.each(['A05', 'A07', 'A12', 'A14', 'A21', 'A22', 'A27', 'A28', 'A31', 'A38', 'A40', 'A34', 'Z99', ''])(
    '%j changes no follow-up',
    (eventType) => {
      check({ event: inpatient({ eventType }), existing: [dischargeOpen, edInEd], expected: [] });
    },
  );

  it('a demographics event that reports a death still cancels everything', () => {
    check({
      event: inpatient({ eventType: 'A31', deceased: true }),
      existing: [dischargeOpen],
      expected: [DECEASED],
    });
  });

  it('reads event type and patient class case- and space-insensitively', () => {
    check({ event: inpatient({ eventType: ' a03 ', patientClass: 'i ' }), expected: [createDischarge()] });
  });
});
