import { describe, expect, it } from 'vitest';
import { tcmReadiness, type TcmCareAction } from './tcm-readiness.js';

// America/New_York in September 2026 (EDT, UTC-4); Labor Day, Mon 7 Sep, is a practice holiday.
const calendar = { zone: 'America/New_York', holidays: new Set(['2026-09-07']) };
const at = (wallClock: string) => new Date(`${wallClock}:00-04:00`);
const act = (type: string, wallClock: string, outcome: string | null = null): TcmCareAction => ({
  type,
  at: at(wallClock),
  outcome,
});
// Discharged Thu 3 Sep: business days Fri 4 and (past the weekend and the holiday) Tue 8.
const DISCHARGE = '2026-09-03';
const LATER = at('2026-10-20T12:00');
const readiness = (actions: TcmCareAction[], now = LATER) =>
  tcmReadiness({ dischargeDate: DISCHARGE, calendar, actions, now });

describe('tcmReadiness', () => {
  it('supports 99496 (if high complexity) with contact in time, a 7-day visit and med rec by it', () => {
    const r = readiness([
      act('contact_made', '2026-09-08T16:00'),
      act('appointment_scheduled', '2026-09-08T16:05', '2026-09-10'),
      act('med_reconciliation', '2026-09-10T09:00'),
    ]);
    expect(r.contact).toEqual({
      dueAt: new Date('2026-09-08T23:59:59.999-04:00'),
      madeAt: at('2026-09-08T16:00'),
      timelyAttempts: 0,
      met: true,
    });
    expect(r.visit).toEqual({
      date: '2026-09-10',
      daysAfterDischarge: 7,
      within7Days: true,
      within14Days: true,
      upcoming: false,
    });
    expect(r.medRec).toEqual({ date: '2026-09-10', byVisit: true });
    expect(r).toMatchObject({
      status: 'supports_99496',
      codes: ['99496', '99495'],
      missing: [],
      pending: false,
    });
  });

  it('accepts two timely documented attempts in place of a contact, and supports 99495 for day 8 to 14', () => {
    const r = readiness([
      act('contact_attempt', '2026-09-04T09:00'),
      act('contact_attempt', '2026-09-08T23:30'),
      act('contact_made', '2026-09-09T10:00'),
      act('med_reconciliation', '2026-09-09T10:10'),
      act('appointment_scheduled', '2026-09-09T10:15', '2026-09-17'),
    ]);
    expect(r.contact).toMatchObject({ madeAt: null, timelyAttempts: 2, met: true });
    expect(r.visit).toMatchObject({ daysAfterDischarge: 14, within7Days: false, within14Days: true });
    expect(r).toMatchObject({ status: 'supports_99495', codes: ['99495'], missing: [] });
  });

  it('lists every missing requirement once the windows have closed', () => {
    const r = readiness([
      act('contact_attempt', '2026-09-08T09:00'),
      act('contact_made', '2026-09-09T00:00'),
      act('appointment_scheduled', '2026-09-09T00:05', '2026-09-18'),
      act('med_reconciliation', '2026-09-19T09:00'),
    ]);
    expect(r.contact).toMatchObject({ madeAt: null, timelyAttempts: 1, met: false });
    expect(r).toMatchObject({
      status: 'not_supported',
      codes: [],
      missing: ['no_timely_contact', 'visit_after_14_days', 'med_rec_not_by_visit'],
      pending: false,
    });
  });

  it('takes the latest booking as the visit: a visit moved past day 14 no longer qualifies', () => {
    const r = readiness([
      act('contact_made', '2026-09-04T10:00'),
      act('med_reconciliation', '2026-09-04T10:05'),
      act('appointment_scheduled', '2026-09-04T10:10', '2026-09-09'),
      act('appointment_scheduled', '2026-09-08T10:10', '2026-09-21'),
      // Not a date, and a date before the discharge: neither is a visit.
      act('appointment_scheduled', '2026-09-08T11:00', 'next week'),
      act('appointment_scheduled', '2026-09-08T11:05', '2026-09-01'),
    ]);
    expect(r.visit).toMatchObject({ date: '2026-09-21', daysAfterDischarge: 18 });
    expect(r).toMatchObject({ status: 'not_supported', missing: ['visit_after_14_days'] });
  });

  it('is pending while the contact window is open', () => {
    const r = readiness([], at('2026-09-08T12:00'));
    expect(r).toMatchObject({
      status: 'pending',
      pending: true,
      missing: ['no_timely_contact', 'no_visit_scheduled', 'no_med_rec'],
    });
  });

  it('is not supported once the contact window closed without contact, even with the visit to come', () => {
    const r = readiness(
      [act('appointment_scheduled', '2026-09-09T10:00', '2026-09-15')],
      at('2026-09-09T12:00'),
    );
    expect(r).toMatchObject({
      status: 'not_supported',
      missing: ['no_timely_contact', 'med_rec_not_by_visit'],
    });
  });

  it('is pending until a booked visit has been held, and until its date for the med rec', () => {
    const actions = [
      act('contact_made', '2026-09-04T10:00'),
      act('appointment_scheduled', '2026-09-04T10:05', '2026-09-10'),
    ];
    const before = readiness(actions, at('2026-09-09T12:00'));
    expect(before).toMatchObject({ status: 'pending', missing: ['med_rec_not_by_visit'] });
    expect(before.visit.upcoming).toBe(true);
    const onTheDay = readiness(
      [...actions, act('med_reconciliation', '2026-09-10T08:00')],
      at('2026-09-10T09:00'),
    );
    expect(onTheDay).toMatchObject({ status: 'pending', missing: [] });
    const after = readiness(actions, at('2026-09-11T09:00'));
    expect(after).toMatchObject({ status: 'not_supported', missing: ['med_rec_not_by_visit'] });
  });

  it('is pending without a visit until day 14 ends, then not supported', () => {
    const actions = [act('contact_made', '2026-09-04T10:00'), act('med_reconciliation', '2026-09-04T10:05')];
    expect(readiness(actions, at('2026-09-17T23:00'))).toMatchObject({
      status: 'pending',
      missing: ['no_visit_scheduled'],
    });
    expect(readiness(actions, at('2026-09-18T00:30'))).toMatchObject({
      status: 'not_supported',
      missing: ['no_visit_scheduled'],
    });
  });

  it('counts a weekend discharge from the next business days', () => {
    // Sat 12 Sep: Mon 14 and Tue 15 are the two business days.
    const r = tcmReadiness({
      dischargeDate: '2026-09-12',
      calendar,
      actions: [act('contact_made', '2026-09-15T23:00')],
      now: LATER,
    });
    expect(r.contact).toMatchObject({ dueAt: new Date('2026-09-15T23:59:59.999-04:00'), met: true });
  });
});
