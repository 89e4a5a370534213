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
  it('puts status, kind, priority and risk in words', () => {
    expect([
      followUpStatusLabel('in_progress'),
      followUpStatusLabel('done'),
      followUpKindLabel('ed_visit'),
      priorityLabel('high'),
      riskFlagLabel('ama'),
    ]).toEqual(['In progress', 'Closed', 'ED visit', 'High', 'Left against medical advice']);
  });

  it.each([
    ['01', 'Home or self-care (01)'],
    ['1', 'Home or self-care (01)'],
    ['83', 'Skilled nursing facility, planned readmission (83)'],
    ['94', 'Critical access hospital, planned readmission (94)'],
    ['XX', 'Disposition XX'],
    [' ', ''],
  ])('names disposition %j with its code, including the planned-readmission codes: %j', (code, label) => {
    expect(dispositionLabel(code)).toBe(label);
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
