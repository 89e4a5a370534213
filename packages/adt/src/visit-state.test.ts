import { describe, expect, it } from 'vitest';

import type { VisitState } from './visit-state.js';
import { EMPTY_VISIT_STATE, foldVisitState } from './visit-state.js';

const admitted: VisitState = {
  ...EMPTY_VISIT_STATE,
  patientClass: 'I',
  assignedLocation: '4W^401^A',
  admittedAt: new Date('2026-11-16T08:00:00-05:00'),
  diagnoses: [{ code: 'I50.9', text: 'Heart failure', codingSystem: 'I10' }],
};

describe('foldVisitState', () => {
  it('takes every field the event carries and keeps the ones it leaves empty', () => {
    const discharge: VisitState = {
      ...EMPTY_VISIT_STATE,
      patientClass: 'I',
      dischargedAt: new Date('2026-11-18T14:00:00-05:00'),
      disposition: '01',
    };
    expect(foldVisitState(admitted, discharge, 'A03')).toEqual({
      ...admitted,
      dischargedAt: discharge.dischargedAt,
      disposition: '01',
    });
  });

  it('replaces the diagnoses only when the event lists some', () => {
    const update: VisitState = {
      ...EMPTY_VISIT_STATE,
      diagnoses: [{ code: 'J18.9', text: 'Pneumonia', codingSystem: 'I10' }],
    };
    expect(foldVisitState(admitted, update, 'A08').diagnoses).toEqual(update.diagnoses);
    expect(foldVisitState(admitted, EMPTY_VISIT_STATE, 'A08').diagnoses).toEqual(admitted.diagnoses);
  });

  it('an A13 takes back the discharge time and disposition', () => {
    const discharged = {
      ...admitted,
      dischargedAt: new Date('2026-11-18T14:00:00-05:00'),
      disposition: '20',
    };
    const folded = foldVisitState(discharged, { ...EMPTY_VISIT_STATE, patientClass: 'I' }, 'A13');
    expect(folded.dischargedAt).toBeNull();
    expect(folded.disposition).toBe('');
    expect(folded.admittedAt).toEqual(admitted.admittedAt);
  });
});
