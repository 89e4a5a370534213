import { describe, expect, it } from 'vitest';
import { escapeLike, patientSearchTerms } from './patient-search.js';

describe('patient search terms', () => {
  it('reads words in any order as name prefixes, and a single word also as an MRN prefix', () => {
    expect(patientSearchTerms('  Jane   SMITH ')).toMatchObject({
      familyPrefix: null,
      nameWords: ['jane%', 'smith%'],
      mrnPrefix: null,
      phoneDigitsReversed: null,
    });
    expect(patientSearchTerms('m-10')).toMatchObject({ nameWords: ['m-10%'], mrnPrefix: 'M-10%' });
  });

  it('reads "family, given"', () => {
    expect(patientSearchTerms('Smith, Ja')).toMatchObject({
      familyPrefix: 'smith%',
      givenPrefix: 'ja%',
      nameWords: [],
      mrnPrefix: null,
    });
  });

  it('reads a number of at least 7 digits as a phone, whatever its punctuation', () => {
    expect(patientSearchTerms('(617) 555-0134').phoneDigitsReversed).toBe('4310555716%');
    expect(patientSearchTerms('555-01').phoneDigitsReversed).toBeNull();
    expect(patientSearchTerms('5550134x').phoneDigitsReversed).toBeNull();
  });

  it('escapes LIKE wildcards so they match only themselves', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
    expect(patientSearchTerms('%').nameWords).toEqual(['\\%%']);
  });
});
