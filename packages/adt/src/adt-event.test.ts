import { describe, expect, it } from 'vitest';

import { DEFAULT_OBSERVATION_CODES, isEdVisit, isInpatientLikeDischarge } from './adt-event.js';

const defaults = { observationCodes: DEFAULT_OBSERVATION_CODES };

describe('isEdVisit', () => {
  it.each([
    ['E', true],
    [' e ', true],
    ['I', false],
    ['O', false],
    ['', false],
  ])('PV1-2 %j → %s', (patientClass, expected) => {
    expect(isEdVisit({ patientClass })).toBe(expected);
  });
});

describe('isInpatientLikeDischarge', () => {
  it.each([
    ['inpatient', { patientClass: 'I', hospitalService: 'MED', patientType: '' }, true],
    ['observation by service', { patientClass: 'O', hospitalService: 'OBS', patientType: '' }, true],
    ['observation by patient type', { patientClass: 'O', hospitalService: 'CAR', patientType: 'obs' }, true],
    ['plain outpatient', { patientClass: 'O', hospitalService: 'CAR', patientType: 'OP' }, false],
    ['ED with an OBS service', { patientClass: 'E', hospitalService: 'OBS', patientType: '' }, false],
    ['pre-admit', { patientClass: 'P', hospitalService: 'MED', patientType: '' }, false],
  ])('%s → %s', (_name, event, expected) => {
    expect(isInpatientLikeDischarge(event, defaults)).toBe(expected);
  });

  it('accepts site codes, whatever their case', () => {
    const config = { observationCodes: new Set(['OBS', 'php']) };
    expect(
      isInpatientLikeDischarge({ patientClass: 'O', hospitalService: 'PHP', patientType: '' }, config),
    ).toBe(true);
    expect(
      isInpatientLikeDischarge({ patientClass: 'O', hospitalService: 'PHP', patientType: '' }, defaults),
    ).toBe(false);
  });
});
