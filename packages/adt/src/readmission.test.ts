import { describe, expect, it } from 'vitest';
import { changesHospitalStay, isFollowUpOverdue, isReadmission } from './readmission.js';

const ZONE = 'America/New_York';

describe('isReadmission', () => {
  const discharge = new Date('2026-03-02T15:00:00Z'); // 2 March, 10:00 local

  it('counts an admission up to the end of the 30th practice day after the discharge', () => {
    expect(isReadmission(discharge, new Date('2026-04-01T03:30:00Z'), ZONE)).toBe(true); // 31 March 23:30
    expect(isReadmission(discharge, new Date('2026-04-01T16:00:00Z'), ZONE)).toBe(true); // 1 April
    expect(isReadmission(discharge, new Date('2026-04-02T14:00:00Z'), ZONE)).toBe(false); // 2 April
  });

  it('does not count an admission before or at the discharge', () => {
    expect(isReadmission(discharge, discharge, ZONE)).toBe(false);
    expect(isReadmission(discharge, new Date('2026-03-01T12:00:00Z'), ZONE)).toBe(false);
  });
});

describe('isFollowUpOverdue', () => {
  const now = new Date('2026-03-05T12:00:00Z');
  const past = new Date('2026-03-04T12:00:00Z');

  it('is overdue when past due, still to do and the patient is not in hospital', () => {
    expect(isFollowUpOverdue({ dueAt: past, status: 'open', patientInHospital: false }, now)).toBe(true);
    expect(isFollowUpOverdue({ dueAt: past, status: 'in_progress', patientInHospital: false }, now)).toBe(
      true,
    );
  });

  it('stops the clock while the patient is in hospital', () => {
    expect(isFollowUpOverdue({ dueAt: past, status: 'open', patientInHospital: true }, now)).toBe(false);
  });

  it('is never overdue when done, cancelled or not yet due', () => {
    expect(isFollowUpOverdue({ dueAt: past, status: 'done', patientInHospital: false }, now)).toBe(false);
    expect(isFollowUpOverdue({ dueAt: past, status: 'cancelled', patientInHospital: false }, now)).toBe(
      false,
    );
    expect(isFollowUpOverdue({ dueAt: now, status: 'open', patientInHospital: false }, now)).toBe(false);
  });
});

describe('changesHospitalStay', () => {
  const stay = {
    patientClass: 'I',
    hospitalService: 'MED',
    patientType: '',
    assignedLocation: '4W^401^A',
    admittedAt: new Date('2026-03-01T13:00:00Z'),
    dischargedAt: null,
  };

  it('sees an admission, a transfer and a discharge', () => {
    expect(changesHospitalStay({ ...stay, patientClass: '', admittedAt: null }, stay)).toBe(true);
    expect(changesHospitalStay(stay, { ...stay, assignedLocation: '5E^512^B' })).toBe(true);
    expect(changesHospitalStay(stay, { ...stay, dischargedAt: new Date('2026-03-04T15:00:00Z') })).toBe(true);
  });

  it('ignores an update that leaves the stay as it was', () => {
    expect(changesHospitalStay(stay, { ...stay, admittedAt: new Date(stay.admittedAt.getTime()) })).toBe(
      false,
    );
  });
});
