import { describe, expect, it } from 'vitest';
import { CARE_ACTION_TYPES, CLOSE_OUTCOMES } from './care-action-rules.js';
import { classifyDisposition } from './disposition.js';
import { dispositionLabel } from './follow-up-labels.js';
import { vocabulary } from './vocabulary.js';

describe('vocabulary', () => {
  it('names every disposition the routing rules classify, including 81–95 (planned readmission)', () => {
    const codes = Array.from({ length: 99 }, (_, i) => String(i + 1).padStart(2, '0'));
    const classified = codes.filter((code) => classifyDisposition(code) !== 'other');
    for (const code of classified) expect(dispositionLabel(code)).not.toMatch(/^Disposition /);
    expect(dispositionLabel('82')).toBe('Short-term hospital, planned readmission (82)');
    expect(dispositionLabel('94')).toBe('Critical access hospital, planned readmission (94)');
  });

  it('pads a one-digit code and keeps an unknown code visible', () => {
    expect(dispositionLabel('1')).toBe('Home or self-care (01)');
    expect(dispositionLabel('77')).toBe('Disposition 77');
  });

  it('labels every close outcome and serves the rule constants the screens explain', () => {
    const v = vocabulary();
    expect(Object.keys(v.closeOutcomes).sort()).toEqual([...CLOSE_OUTCOMES].sort());
    expect(CARE_ACTION_TYPES).toContain('contact_attempt');
    expect(v.rules).toMatchObject({ unreachableMinAttempts: 2, tcmContactBusinessDays: 2, edContactDays: 7 });
    expect(v.rules.dischargeDeadlineText).toBe('By the end of the 2nd business day after discharge.');
  });
});
