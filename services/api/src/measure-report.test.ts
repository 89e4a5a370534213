import { describe, expect, it } from 'vitest';
import type { MeasureId } from '@adt/adt';
import { measureReport, measureReportToCsv, type MeasureMember } from './measure-report.js';

const member = (inNumerator: boolean, extra: Partial<MeasureMember> = {}): MeasureMember => ({
  followUpId: '1',
  encounterId: null,
  patient: { id: '1', mrn: 'M', assigningAuthority: 'H', familyName: 'F', givenName: 'G' },
  eventDate: '2026-09-01',
  team: 'north',
  facility: 'H',
  inNumerator,
  ...extra,
});

const empty = (): Record<MeasureId, MeasureMember[]> => ({
  tcm_contact_2bd: [],
  tcm_outreach_2bd: [],
  visit_7d: [],
  visit_14d: [],
  med_rec_30d: [],
  ed_contact_7d: [],
  readmit_30d: [],
  first_contact_hours: [],
});

describe('measureReport', () => {
  it('has a null rate and no percentiles for an empty period', () => {
    const report = measureReport(empty(), { from: '2026-09-01', to: '2026-09-30' }, '2026-12-06');
    expect(report.measures.find((m) => m.id === 'visit_7d')).toEqual({
      id: 'visit_7d',
      numerator: 0,
      denominator: 0,
      rate: null,
    });
    expect(report.measures.find((m) => m.id === 'first_contact_hours')).toEqual({
      id: 'first_contact_hours',
      count: 0,
      median: null,
      p90: null,
    });
    expect(measureReportToCsv(report).split('\r\n')).toContain('visit_7d,0,0,,,,,,,,,');
  });

  it('splits readmissions by whether the discharge follow-up met the 2-business-day contact', () => {
    const members = empty();
    members.readmit_30d = [
      member(true, { contacted2bd: true }),
      member(false, { contacted2bd: true }),
      member(true, { contacted2bd: false }),
      member(true, { contacted2bd: false }),
    ];
    const report = measureReport(members, { from: '2026-11-01', to: '2026-11-30' }, '2026-12-06');
    expect(report.measures.find((m) => m.id === 'readmit_30d')).toEqual({
      id: 'readmit_30d',
      numerator: 3,
      denominator: 4,
      rate: 0.75,
      provisional: true,
      groups: {
        contacted_2bd: { numerator: 1, denominator: 2, rate: 0.5 },
        not_contacted_2bd: { numerator: 2, denominator: 2, rate: 1 },
      },
    });
  });
});
