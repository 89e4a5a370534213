import { describe, expect, it } from 'vitest';
import type { MeasureId } from '@adt/adt';
import { measureBreakdown } from './measure-breakdown.js';
import type { MeasureFigure, MeasureMember } from './measure-report.js';

const member = (
  team: string | null,
  inNumerator: boolean,
  extra: Partial<MeasureMember> = {},
): MeasureMember => ({
  followUpId: '1',
  encounterId: null,
  patient: { id: '1', mrn: 'M', assigningAuthority: 'H', familyName: 'F', givenName: 'G' },
  eventDate: '2026-09-01',
  team,
  facility: 'H',
  kind: 'discharge',
  risk: 'normal',
  inNumerator,
  ...extra,
});

const members = (): Record<MeasureId, MeasureMember[]> => ({
  tcm_contact_2bd: [member('south', true), member('north', false), member('north', true)],
  tcm_outreach_2bd: [],
  visit_7d: [],
  visit_14d: [],
  med_rec_30d: [],
  ed_contact_7d: [member('north', true, { kind: 'ed_visit' })],
  readmit_30d: [
    member(null, true, { risk: null, contacted2bd: false }),
    member('north', false, { contacted2bd: true }),
  ],
  first_contact_hours: [member('north', true, { hours: 5 }), member('south', true, { hours: 9 })],
});

const figure = (measures: MeasureFigure[], id: MeasureId) => measures.find((m) => m.id === id);

describe('measureBreakdown', () => {
  const period = { from: '2026-09-01', to: '2026-09-30' };

  it('counts each group from its own members, in key order with the null group last', () => {
    const groups = measureBreakdown(members(), 'team', period, '2026-12-06');
    expect(groups.map((g) => g.key)).toEqual(['north', 'south', null]);
    const [north, south, none] = groups;
    expect(figure(north?.measures ?? [], 'tcm_contact_2bd')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(figure(south?.measures ?? [], 'tcm_contact_2bd')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(figure(none?.measures ?? [], 'tcm_contact_2bd')).toMatchObject({ numerator: 0, denominator: 0 });
    expect(figure(none?.measures ?? [], 'readmit_30d')).toMatchObject({
      numerator: 1,
      denominator: 1,
      groups: { not_contacted_2bd: { numerator: 1, denominator: 1 } },
    });
    expect(figure(north?.measures ?? [], 'first_contact_hours')).toEqual({
      id: 'first_contact_hours',
      count: 1,
      median: 5,
      p90: 5,
    });
  });

  it('groups by kind and risk as the members carry them', () => {
    expect(measureBreakdown(members(), 'kind', period, '2026-12-06').map((g) => g.key)).toEqual([
      'discharge',
      'ed_visit',
    ]);
    expect(measureBreakdown(members(), 'risk', period, '2026-12-06').map((g) => g.key)).toEqual([
      'normal',
      null,
    ]);
  });
});
