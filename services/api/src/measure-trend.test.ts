import { describe, expect, it } from 'vitest';
import type { MeasureId } from '@adt/adt';
import type { MeasureMember, RateFigure } from './measure-report.js';
import { measureTrend } from './measure-trend.js';

const member = (
  eventDate: string,
  inNumerator: boolean,
  extra: Partial<MeasureMember> = {},
): MeasureMember => ({
  followUpId: eventDate,
  encounterId: null,
  patient: { id: '1', mrn: 'M', assigningAuthority: 'H', familyName: 'F', givenName: 'G' },
  eventDate,
  team: 'north',
  facility: 'H',
  inNumerator,
  ...extra,
});

const members = (): Record<MeasureId, MeasureMember[]> => ({
  // Tue 1 Sep (week 1), Sun 6 Sep (week 1, its last day), Mon 7 Sep (week 2), Wed 30 Sep (last week).
  tcm_contact_2bd: [
    member('2026-09-01', true),
    member('2026-09-06', false),
    member('2026-09-07', true),
    member('2026-09-30', true),
  ],
  tcm_outreach_2bd: [],
  visit_7d: [],
  visit_14d: [],
  med_rec_30d: [],
  ed_contact_7d: [member('2026-09-15', false)],
  readmit_30d: [
    member('2026-09-02', true, { contacted2bd: true }),
    member('2026-09-29', false, { contacted2bd: false }),
  ],
  first_contact_hours: [member('2026-09-01', true, { hours: 5 }), member('2026-09-03', true, { hours: 9 })],
});

const figure = (measures: { id: string }[], id: MeasureId) => measures.find((m) => m.id === id);

describe('measureTrend', () => {
  const period = { from: '2026-09-01', to: '2026-09-30' };

  it('counts each ISO week of the period from the members whose event date falls in it', () => {
    const trend = measureTrend(members(), period, 'week', '2026-12-06');
    expect(trend.buckets.map((b) => [b.from, b.to])).toEqual([
      ['2026-09-01', '2026-09-06'],
      ['2026-09-07', '2026-09-13'],
      ['2026-09-14', '2026-09-20'],
      ['2026-09-21', '2026-09-27'],
      ['2026-09-28', '2026-09-30'],
    ]);
    const contact = trend.buckets.map((b) => figure(b.measures, 'tcm_contact_2bd'));
    expect(contact).toEqual([
      { id: 'tcm_contact_2bd', numerator: 1, denominator: 2, rate: 0.5 },
      { id: 'tcm_contact_2bd', numerator: 1, denominator: 1, rate: 1 },
      { id: 'tcm_contact_2bd', numerator: 0, denominator: 0, rate: null },
      { id: 'tcm_contact_2bd', numerator: 0, denominator: 0, rate: null },
      { id: 'tcm_contact_2bd', numerator: 1, denominator: 1, rate: 1 },
    ]);
    expect(figure(trend.buckets[2]?.measures ?? [], 'ed_contact_7d')).toMatchObject({ denominator: 1 });
    expect(figure(trend.buckets[0]?.measures ?? [], 'first_contact_hours')).toEqual({
      id: 'first_contact_hours',
      count: 2,
      median: 5,
      p90: 9,
    });
  });

  it('splits readmissions by contact within each bucket and marks only recent buckets provisional', () => {
    // Today 20 Oct: weeks ending before 20 Sep are final, later ones provisional.
    const trend = measureTrend(members(), period, 'week', '2026-10-20');
    expect(trend.buckets.map((b) => figure(b.measures, 'readmit_30d'))).toEqual([
      expect.objectContaining({
        numerator: 1,
        denominator: 1,
        provisional: false,
        groups: {
          contacted_2bd: { numerator: 1, denominator: 1, rate: 1 },
          not_contacted_2bd: { numerator: 0, denominator: 0, rate: null },
        },
      }),
      expect.objectContaining({ denominator: 0, provisional: false }),
      expect.objectContaining({ denominator: 0, provisional: false }),
      expect.objectContaining({ denominator: 0, provisional: true }),
      expect.objectContaining({
        numerator: 0,
        denominator: 1,
        provisional: true,
        groups: {
          contacted_2bd: { numerator: 0, denominator: 0, rate: null },
          not_contacted_2bd: { numerator: 0, denominator: 1, rate: 0 },
        },
      }),
    ]);
  });

  it('gives a month interval one bucket per calendar month and loses no member', () => {
    const trend = measureTrend(members(), { from: '2026-08-15', to: '2026-10-10' }, 'month', '2026-12-06');
    expect(trend).toMatchObject({ from: '2026-08-15', to: '2026-10-10', interval: 'month' });
    expect(trend.buckets.map((b) => [b.from, b.to])).toEqual([
      ['2026-08-15', '2026-08-31'],
      ['2026-09-01', '2026-09-30'],
      ['2026-10-01', '2026-10-10'],
    ]);
    expect(trend.buckets.map((b) => figure(b.measures, 'tcm_contact_2bd'))).toEqual([
      { id: 'tcm_contact_2bd', numerator: 0, denominator: 0, rate: null },
      { id: 'tcm_contact_2bd', numerator: 3, denominator: 4, rate: 0.75 },
      { id: 'tcm_contact_2bd', numerator: 0, denominator: 0, rate: null },
    ]);
  });
});

describe('measureTrend at size', () => {
  it('splits a year of members by week without losing or repeating one', () => {
    const many = Array.from({ length: 5000 }, (_, i) => {
      const day = new Date(Date.UTC(2026, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
      return member(day, i % 3 === 0);
    });
    const trend = measureTrend(
      { ...members(), tcm_contact_2bd: many },
      { from: '2026-01-01', to: '2026-12-31' },
      'week',
      '2027-03-01',
    );
    expect(trend.buckets).toHaveLength(53);
    const figures = trend.buckets.map((b) => figure(b.measures, 'tcm_contact_2bd') as RateFigure);
    const sum = (key: 'numerator' | 'denominator') => figures.reduce((total, f) => total + f[key], 0);
    expect(sum('denominator')).toBe(5000);
    expect(sum('numerator')).toBe(many.filter((m) => m.inNumerator).length);
  });
});
