import { describe, expect, it } from 'vitest';
import {
  dispositionLabel,
  followUpKindLabel,
  followUpStatusLabel,
  localIsoTime,
  priorityLabel,
  riskFlagLabel,
} from './follow-up-labels.js';

describe('follow-up labels', () => {
  it('names dispositions with their code, including the planned-readmission codes', () => {
    expect(dispositionLabel('01')).toBe('Home or self-care (01)');
    expect(dispositionLabel('1')).toBe('Home or self-care (01)');
    expect(dispositionLabel('83')).toBe('Skilled nursing facility, planned readmission (83)');
    expect(dispositionLabel('94')).toBe('Critical access hospital, planned readmission (94)');
    expect(dispositionLabel('XX')).toBe('Disposition XX');
    expect(dispositionLabel(' ')).toBe('');
  });

  it('puts status, kind, priority and risk in words', () => {
    expect(followUpStatusLabel('in_progress')).toBe('In progress');
    expect(followUpStatusLabel('done')).toBe('Closed');
    expect(followUpKindLabel('ed_visit')).toBe('ED visit');
    expect(priorityLabel('high')).toBe('High');
    expect(riskFlagLabel('ama')).toBe('Left against medical advice');
  });

  it('writes an instant as local time with its offset, on both sides of a DST change', () => {
    expect(localIsoTime(new Date('2026-12-06T14:30:15.250Z'), 'America/New_York')).toBe(
      '2026-12-06T09:30:15-05:00',
    );
    expect(localIsoTime(new Date('2026-07-01T14:30:00Z'), 'America/New_York')).toBe(
      '2026-07-01T10:30:00-04:00',
    );
    expect(localIsoTime(new Date('2026-07-01T14:30:00Z'), 'Asia/Kolkata')).toBe('2026-07-01T20:00:00+05:30');
  });
});
