// Unit tests of the inbox's wording: the due clock, ages, dates in the practice time zone.
import { beforeAll, describe, expect, it } from 'vitest';
import { vocabulary } from '@adt/adt';
import {
  actionLabel,
  ageOn,
  dispositionLabel,
  dueClock,
  followUpClock,
  formatDateTime,
  formatPhone,
  initials,
  localDate,
  riskReasons,
  telHref,
} from '../public/assets/js/format.js';
import { useVocabulary } from '../public/assets/js/vocabulary.js';

// The pages word codes with the server's vocabulary, as GET /api/vocabulary serves it.
beforeAll(() => useVocabulary(vocabulary()));

const NOW = new Date('2026-11-23T13:00:00Z');
const at = (hours) => new Date(NOW.getTime() + hours * 3_600_000);

describe('dueClock', () => {
  it.each([
    [5.5, 'due-soon', 'due in 5 h'],
    [0.5, 'due-soon', 'due in 30 min'],
    [30, 'upcoming', 'due in 1 day'],
    [72, 'upcoming', 'due in 3 days'],
    [-2, 'overdue', 'overdue 2 h'],
    [-24, 'overdue', 'overdue 1 day'],
    [-50, 'overdue', 'overdue 2 days'],
    [-0.001, 'overdue', 'overdue 1 min'],
  ])('%s h from now → %s, "%s"', (hours, state, text) => {
    expect(dueClock(at(hours), NOW)).toEqual({ state, text });
  });
});

describe('followUpClock', () => {
  it('pauses the clock while the patient is in hospital', () => {
    const dueAt = at(-24).toISOString();
    expect(followUpClock({ dueAt, patientInHospital: { facility: 'OTHER_HOSP' } }, NOW)).toEqual({
      state: 'paused',
      text: 'paused: in hospital',
    });
    expect(followUpClock({ dueAt, patientInHospital: null }, NOW)).toEqual({
      state: 'overdue',
      text: 'overdue 1 day',
    });
  });
});

describe('dates in the practice time zone', () => {
  it('takes the calendar date where the practice is, not UTC', () => {
    expect(localDate(new Date('2026-11-23T03:00:00Z'), 'America/New_York')).toBe('2026-11-22');
    expect(localDate(new Date('2026-11-23T03:00:00Z'), 'UTC')).toBe('2026-11-23');
  });

  it('formats instants for people', () => {
    expect(formatDateTime('2026-11-18T19:00:00Z', 'America/New_York')).toBe('Wed 18 Nov, 14:00');
    expect(formatDateTime('2026-11-18T19:00:00Z', 'America/New_York', { year: true, time: false })).toBe(
      'Wed 18 Nov 2026',
    );
    expect(formatDateTime(null, 'UTC')).toBe('');
  });

  it('counts age in whole years, the birthday included', () => {
    expect(ageOn('1954-03-12', '2026-03-11')).toBe(71);
    expect(ageOn('1954-03-12', '2026-03-12')).toBe(72);
    expect(ageOn(null, '2026-03-12')).toBeNull();
  });
});

describe('wording', () => {
  it('labels dispositions, including single-digit codes', () => {
    expect(dispositionLabel('01')).toBe('Home or self-care (01)');
    expect(dispositionLabel('7')).toBe('Left against medical advice (07)');
    expect(dispositionLabel('83')).toBe('Skilled nursing facility, planned readmission (83)');
    expect(dispositionLabel('99')).toBe('Disposition 99');
    expect(dispositionLabel('')).toBe('');
  });

  it('labels care actions', () => {
    expect(actionLabel({ type: 'contact_attempt', outcome: 'voicemail' })).toBe(
      'Call attempt — Left voicemail',
    );
    expect(actionLabel({ type: 'appointment_scheduled', outcome: '2026-11-25' })).toBe(
      'Appointment scheduled for Wed 25 Nov 2026',
    );
    expect(actionLabel({ type: 'close', outcome: 'unreachable' })).toBe(
      'Closed — Unable to reach after attempts',
    );
    expect(actionLabel({ type: 'claim', outcome: null })).toBe('Claimed');
    expect(actionLabel({ type: 'claim', outcome: null, previousHolder: { name: 'Sam Ortiz, RN' } })).toBe(
      'Took over from Sam Ortiz, RN',
    );
    expect(actionLabel({ type: 'hand_off', outcome: null, handedTo: { name: 'Sam Ortiz, RN' } })).toBe(
      'Handed to Sam Ortiz, RN',
    );
    expect(actionLabel({ type: 'reopen', outcome: null })).toBe('Reopened');
  });

  it('formats and dials phone numbers', () => {
    expect(formatPhone('4135550142')).toBe('(413) 555-0142');
    expect(formatPhone('+44 20 7946 0958')).toBe('+44 20 7946 0958');
    expect(telHref('(413)555-0142')).toBe('tel:4135550142');
    expect(telHref('')).toBeNull();
  });

  it('gives the reasons a follow-up is high risk', () => {
    expect(riskReasons({ priority: 'high', riskScore: 12, riskFlags: ['lace_high', 'ama'] })).toEqual([
      'LACE 12',
      'Left AMA',
    ]);
    expect(riskReasons({ priority: 'high', riskScore: null, riskFlags: [] })).toEqual(['High priority']);
    expect(riskReasons({ priority: 'normal', riskScore: 4, riskFlags: [] })).toEqual([]);
  });

  it('makes avatar initials from a display name', () => {
    expect(initials('Jo Rivera, RN')).toBe('JR');
    expect(initials('admin')).toBe('A');
  });
});
