import { describe, expect, it } from 'vitest';

import { charlsonGroups, charlsonIndex } from './charlson.js';
import {
  assessRisk,
  comorbidityPoints,
  edVisitPoints,
  lengthOfStayDays,
  lengthOfStayPoints,
  prioritizeByRisk,
  type RiskInput,
} from './lace.js';

const ZONE = 'America/New_York';
const icd10 = (...codes: string[]) => codes.map((code) => ({ code, codingSystem: 'I10' }));

// An elective inpatient stay: admitted Monday 4 March 2024, discharged Friday 8 March.
const stay = (overrides: Partial<RiskInput> = {}): RiskInput => ({
  admitAt: new Date('2024-03-04T10:00:00-05:00'),
  dischargeAt: new Date('2024-03-08T14:00:00-05:00'),
  zone: ZONE,
  patientClass: 'I',
  admissionType: 'R',
  startedInEd: false,
  diagnoses: [],
  disposition: '01',
  otherEdVisits: [],
  at: new Date('2024-03-04T10:00:00-05:00'),
  ...overrides,
});
const edVisit = (iso: string) => ({ arrivedAt: new Date(iso), leftAt: null });

describe('LACE point table (van Walraven et al., CMAJ 2010)', () => {
  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [6, 4],
    [7, 5],
    [13, 5],
    [14, 7],
    [40, 7],
  ])('L: a stay of %i days scores %i', (days, points) => {
    expect(lengthOfStayPoints(days)).toBe(points);
  });

  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 5],
    [9, 5],
  ])('C: a Charlson index of %i scores %i', (index, points) => {
    expect(comorbidityPoints(index)).toBe(points);
  });

  it.each([
    [0, 0],
    [1, 1],
    [3, 3],
    [4, 4],
    [11, 4],
  ])('E: %i ED visits in 6 months score %i', (visits, points) => {
    expect(edVisitPoints(visits)).toBe(points);
  });
});

describe('lengthOfStayDays', () => {
  it('counts midnights in the practice zone, not elapsed hours', () => {
    // 23:00 to 09:00 the next morning is 10 hours but one midnight: a 1-day stay.
    expect(
      lengthOfStayDays({
        admitAt: new Date('2024-03-04T23:00:00-05:00'),
        dischargeAt: new Date('2024-03-05T09:00:00-05:00'),
        zone: ZONE,
      }),
    ).toBe(1);
    // Across the spring-forward change (10 March 2024) days are still whole.
    expect(
      lengthOfStayDays({
        admitAt: new Date('2024-03-08T12:00:00-05:00'),
        dischargeAt: new Date('2024-03-12T12:00:00-04:00'),
        zone: ZONE,
      }),
    ).toBe(4);
  });

  it('is 0 when an end is unknown', () => {
    expect(lengthOfStayDays({ admitAt: null, dischargeAt: new Date(), zone: ZONE })).toBe(0);
    expect(lengthOfStayDays({ admitAt: new Date(), dischargeAt: null, zone: ZONE })).toBe(0);
  });
});

describe('Charlson comorbidity index from ICD-10', () => {
  it('maps common codes to their groups, with or without the dot', () => {
    expect(charlsonGroups(icd10('I50.9', 'J441', 'E11.9', 'N18.4', 'I21.4'))).toEqual([
      'myocardial_infarction',
      'congestive_heart_failure',
      'chronic_pulmonary_disease',
      'diabetes',
      'renal_disease',
    ]);
    // 1 + 1 + 1 + 1 (uncomplicated diabetes) + 2 (renal).
    expect(charlsonIndex(icd10('I50.9', 'J441', 'E11.9', 'N18.4', 'I21.4'))).toBe(6);
  });

  it('counts only the severe form when both forms are coded', () => {
    expect(charlsonIndex(icd10('E11.9', 'E11.22'))).toBe(2);
    expect(charlsonIndex(icd10('C34.90', 'C78.00'))).toBe(6);
    expect(charlsonIndex(icd10('K70.30', 'K72.10'))).toBe(3);
  });

  it('counts a group once however many of its codes are sent', () => {
    expect(charlsonIndex(icd10('I50.9', 'I50.22', 'I11.0'))).toBe(1);
  });

  it('ignores ICD-9 codes and codes outside the index', () => {
    expect(charlsonIndex([{ code: '428.0', codingSystem: 'I9C' }])).toBe(0);
    expect(charlsonIndex([{ code: 'I50.9', codingSystem: 'I9' }])).toBe(0);
    expect(charlsonIndex(icd10('S72.001A', 'R07.9', 'I10'))).toBe(0);
    expect(charlsonIndex([{ code: 'i50.9', codingSystem: '' }])).toBe(1);
  });
});

describe('assessRisk', () => {
  it('scores an elective 4-day stay without comorbidity or ED history as low risk', () => {
    const risk = assessRisk(stay());
    expect(risk.points).toEqual({ lengthOfStay: 4, acuity: 0, comorbidity: 0, edVisits: 0 });
    expect(risk).toMatchObject({ score: 4, flags: [], high: false });
  });

  it('counts an emergency admission type (PV1-4 = E) as acute', () => {
    expect(assessRisk(stay({ admissionType: 'E' })).points.acuity).toBe(3);
  });

  it('counts an ED visit within 24 h before the admission as acute, and one 2 days before not', () => {
    const admitted = { at: new Date('2024-03-04T10:00:00-05:00') };
    const recent = {
      arrivedAt: new Date('2024-03-03T20:00:00-05:00'),
      leftAt: new Date('2024-03-04T02:00:00-05:00'),
    };
    const older = {
      arrivedAt: new Date('2024-03-01T20:00:00-05:00'),
      leftAt: new Date('2024-03-02T01:00:00-05:00'),
    };
    expect(assessRisk(stay({ ...admitted, otherEdVisits: [recent] })).points.acuity).toBe(3);
    expect(assessRisk(stay({ ...admitted, otherEdVisits: [older] })).points.acuity).toBe(0);
    expect(assessRisk(stay({ startedInEd: true })).points.acuity).toBe(3);
  });

  it('counts ED visits of the prior 6 months only, before the encounter', () => {
    const risk = assessRisk(
      stay({
        otherEdVisits: [
          edVisit('2023-10-01T12:00:00-04:00'), // 5 months before: counts
          edVisit('2024-01-15T12:00:00-05:00'), // counts
          edVisit('2023-08-01T12:00:00-04:00'), // 7 months before: not in E
          edVisit('2024-03-20T12:00:00-04:00'), // after the encounter: never counted
        ],
      }),
    );
    expect(risk.points.edVisits).toBe(2);
  });

  it('flags LACE ≥ 10 as high: a 7-day emergency stay with CHF and COPD and one recent ED visit', () => {
    const risk = assessRisk(
      stay({
        dischargeAt: new Date('2024-03-11T12:00:00-04:00'),
        admissionType: 'E',
        diagnoses: icd10('I50.9', 'J44.1'),
        otherEdVisits: [edVisit('2024-02-01T12:00:00-05:00')],
      }),
    );
    // L 5 (7 days) + A 3 + C 2 + E 1 = 11.
    expect(risk.points).toEqual({ lengthOfStay: 5, acuity: 3, comorbidity: 2, edVisits: 1 });
    expect(risk).toMatchObject({ score: 11, flags: ['lace_high'], high: true });
  });

  it('keeps a score of 9 below the threshold', () => {
    // L 4 + A 3 + C 2 = 9.
    const risk = assessRisk(stay({ admissionType: 'E', diagnoses: icd10('I50.9', 'J44.1') }));
    expect(risk).toMatchObject({ score: 9, high: false, flags: [] });
  });

  it('flags a discharge against medical advice (07) as high whatever the score', () => {
    expect(assessRisk(stay({ disposition: '07' }))).toMatchObject({ flags: ['ama'], high: true });
    expect(assessRisk(stay({ disposition: '7' })).flags).toEqual(['ama']);
  });

  it('flags 4 ED visits in 12 months as frequent ED use, counting the current ED visit', () => {
    const threeBefore = [
      edVisit('2023-05-01T12:00:00-04:00'),
      edVisit('2023-09-01T12:00:00-04:00'),
      edVisit('2023-12-01T12:00:00-05:00'),
    ];
    const edNow = { patientClass: 'E', dischargeAt: null, otherEdVisits: threeBefore };
    expect(assessRisk(stay(edNow)).flags).toEqual(['frequent_ed']);
    // The same history before an inpatient stay is only three visits.
    expect(assessRisk(stay({ otherEdVisits: threeBefore })).flags).toEqual([]);
    // A visit 13 months before does not count.
    const stale = [...threeBefore.slice(1), edVisit('2023-02-01T12:00:00-05:00')];
    expect(assessRisk(stay({ ...edNow, otherEdVisits: stale })).flags).toEqual([]);
  });
});

describe('prioritizeByRisk', () => {
  const day14 = new Date('2024-03-22T23:59:59.999-04:00');
  const day7 = new Date('2024-03-15T23:59:59.999-04:00');

  it('raises a normal plan to high and moves the visit clock from day 14 to day 7', () => {
    expect(prioritizeByRisk({ priority: 'normal', visitDueBy: day14 }, { high: true }, ZONE)).toEqual({
      priority: 'high',
      visitDueBy: day7,
    });
  });

  it('leaves the plan alone when the risk is not high or the plan is already high', () => {
    const normal = { priority: 'normal' as const, visitDueBy: day14 };
    expect(prioritizeByRisk(normal, { high: false }, ZONE)).toBe(normal);
    const high = { priority: 'high' as const, visitDueBy: day7 };
    expect(prioritizeByRisk(high, { high: true }, ZONE)).toBe(high);
  });

  it('does not add fields an update did not set', () => {
    const edUpdate: { inEdNow: boolean; priority?: 'high' | 'normal' } = { inEdNow: false };
    expect(prioritizeByRisk(edUpdate, { high: true }, ZONE)).toEqual({
      inEdNow: false,
      priority: 'high',
    });
    expect(prioritizeByRisk({ priority: 'normal', visitDueBy: null }, { high: true }, ZONE)).toEqual({
      priority: 'high',
      visitDueBy: null,
    });
  });
});
