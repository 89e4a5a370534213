import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRACTICE_LANGUAGES,
  admittingDiagnosisOf,
  isInterpreterNeeded,
  primaryCareProviderOf,
} from './call-context.js';

const none = { code: '', text: '', codingSystem: '' };

describe('isInterpreterNeeded', () => {
  it.each([
    [{ code: 'spa', text: 'Spanish' }, true],
    [{ code: 'vi', text: '' }, true],
    [{ code: '', text: 'Portuguese' }, true],
    [{ code: 'en', text: '' }, false],
    [{ code: 'ENG', text: 'English' }, false],
    [{ code: 'en-US', text: '' }, false],
    [{ code: '', text: 'english' }, false],
    [{ code: '', text: '' }, false],
  ])('%o → %s with the default practice language', (language, expected) => {
    expect(isInterpreterNeeded(language, DEFAULT_PRACTICE_LANGUAGES)).toBe(expected);
  });

  it("follows the practice's configured language", () => {
    const spanish = new Set(['ES', 'spa', 'Spanish']);
    expect(isInterpreterNeeded({ code: 'spa', text: 'Spanish' }, spanish)).toBe(false);
    expect(isInterpreterNeeded({ code: 'en', text: 'English' }, spanish)).toBe(true);
  });
});

describe('admittingDiagnosisOf', () => {
  const pneumonia = { code: 'J18.9', text: 'Pneumonia', codingSystem: 'I10' };
  const reason = { code: 'R06.02', text: 'Shortness of breath', codingSystem: 'I10' };

  it('takes the first admitting DG1, else the PV2-3 admit reason', () => {
    expect(admittingDiagnosisOf([pneumonia], reason)).toEqual({ ...pneumonia, source: 'DG1' });
    expect(admittingDiagnosisOf([], reason)).toEqual({ ...reason, source: 'PV2-3' });
    expect(admittingDiagnosisOf([], none)).toBeNull();
  });
});

describe('primaryCareProviderOf', () => {
  const pd1 = { id: '4455', family: "O'BRIEN", given: 'SEAN', middle: '', prefix: 'DR', degree: 'MD' };

  it("prefers the roster's attribution to PD1-4", () => {
    expect(primaryCareProviderOf('Dr. Ann Lee', pd1)).toEqual({ name: 'Dr. Ann Lee', source: 'roster' });
    expect(primaryCareProviderOf('', pd1)).toEqual({ name: "O'Brien, Sean, MD", source: 'PD1-4' });
  });

  it('names the PD1-4 identifier when no name was sent, and nobody when nothing was', () => {
    expect(primaryCareProviderOf('', { ...pd1, family: '', given: '' })).toEqual({
      name: '4455',
      source: 'PD1-4',
    });
    expect(primaryCareProviderOf(' ', null)).toBeNull();
  });
});
