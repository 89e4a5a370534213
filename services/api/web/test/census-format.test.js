// Unit tests of the census page's wording.
import { describe, expect, it } from 'vitest';
import { censusClassLabel, locationLabel, noFollowUpReasonLabel } from '../public/assets/js/census-format.js';

describe('censusClassLabel', () => {
  it('names the census classes and falls back to the class as sent', () => {
    expect(censusClassLabel('inpatient', 'I')).toBe('Inpatient');
    expect(censusClassLabel('observation', 'O')).toBe('Observation');
    expect(censusClassLabel('emergency', 'E')).toBe('ED');
    expect(censusClassLabel(null, 'P')).toBe('Class P');
    expect(censusClassLabel(null, '')).toBe('Class not sent');
  });
});

describe('noFollowUpReasonLabel', () => {
  it('words every reason and keeps an unknown one readable', () => {
    expect(noFollowUpReasonLabel('post_acute')).toBe('Went to post-acute care: call when they leave');
    expect(noFollowUpReasonLabel('not_eligible_class')).toBe('Not an inpatient, observation or ED stay');
    expect(noFollowUpReasonLabel('something_new')).toBe('something new');
  });
});

describe('locationLabel', () => {
  it('names unit, room and bed, leaving out what was not sent', () => {
    expect(locationLabel('3EAST^301^A^GENERAL_HOSP')).toBe('3EAST, room 301, bed A');
    expect(locationLabel('ED^^^GENERAL_HOSP')).toBe('ED');
    expect(locationLabel('')).toBe('');
  });
});
