import { describe, expect, it } from 'vitest';
import {
  censusClassOf,
  isInHospital,
  noFollowUpReason,
  postAcuteDestination,
  reasonForVisit,
  stayEndedAt,
  type CensusEncounter,
} from './census.js';

const OBS = new Set(['OBS']);
const NOW = new Date('2026-11-20T15:00:00Z');
const HOUR_MS = 3_600_000;

function encounter(overrides: Partial<CensusEncounter> = {}): CensusEncounter {
  return {
    patientClass: 'I',
    hospitalService: 'MED',
    patientType: '',
    disposition: '',
    since: new Date(NOW.getTime() - 30 * HOUR_MS),
    dischargedAt: null,
    lastEndEvent: null,
    patientDeceased: false,
    attributed: true,
    followUps: [],
    ...overrides,
  };
}

const discharged = (disposition: string): Partial<CensusEncounter> => ({
  disposition,
  dischargedAt: new Date(NOW.getTime() - 2 * HOUR_MS),
  lastEndEvent: { type: 'A03', at: new Date(NOW.getTime() - 2 * HOUR_MS) },
});

describe('censusClassOf', () => {
  it.each([
    [{ patientClass: 'I', hospitalService: '', patientType: '' }, 'inpatient'],
    [{ patientClass: 'O', hospitalService: 'OBS', patientType: '' }, 'observation'],
    [{ patientClass: 'O', hospitalService: '', patientType: 'obs' }, 'observation'],
    [{ patientClass: ' e ', hospitalService: '', patientType: '' }, 'emergency'],
    [{ patientClass: 'O', hospitalService: 'CLN', patientType: '' }, null],
    [{ patientClass: 'P', hospitalService: '', patientType: '' }, null],
  ] as const)('%j → %s', (stay, expected) => {
    expect(censusClassOf(stay, OBS)).toBe(expected);
  });
});

describe('isInHospital', () => {
  it('counts an admission without a discharge', () => {
    expect(isInHospital(encounter(), OBS, NOW)).toBe(true);
  });

  it('ends the stay at an A03 even without PV1-45, and an A13 takes it back', () => {
    const a03 = encounter({ lastEndEvent: { type: 'A03', at: NOW } });
    expect(isInHospital(a03, OBS, NOW)).toBe(false);
    expect(stayEndedAt(a03)).toEqual(NOW);
    const a13 = encounter({ lastEndEvent: { type: 'A13', at: NOW } });
    expect(isInHospital(a13, OBS, NOW)).toBe(true);
  });

  it('leaves out cancelled visits, the dead, and classes routing does not act on', () => {
    expect(isInHospital(encounter({ lastEndEvent: { type: 'A11', at: NOW } }), OBS, NOW)).toBe(false);
    expect(isInHospital(encounter({ patientDeceased: true }), OBS, NOW)).toBe(false);
    expect(isInHospital(encounter({ patientClass: 'O', hospitalService: 'CLN' }), OBS, NOW)).toBe(false);
  });

  it('counts an ED visit without a discharge for two days only', () => {
    const recent = encounter({ patientClass: 'E', since: new Date(NOW.getTime() - 5 * HOUR_MS) });
    const stale = encounter({ patientClass: 'E', since: new Date(NOW.getTime() - 49 * HOUR_MS) });
    expect(isInHospital(recent, OBS, NOW)).toBe(true);
    expect(isInHospital(stale, OBS, NOW)).toBe(false);
  });
});

describe('postAcuteDestination', () => {
  it.each([
    ['03', 'a skilled nursing facility'],
    ['62', 'an inpatient rehabilitation facility'],
    ['02', 'a short-term hospital'],
    ['51', 'a hospice facility'],
    ['50', 'hospice at home'],
    ['83', 'a skilled nursing facility'],
  ])('%s → %s', (code, destination) => {
    expect(postAcuteDestination(code)).toBe(destination);
  });

  it.each(['01', '06', '07', '09', '20', '21', ''])('%j is not post-acute care', (code) => {
    expect(postAcuteDestination(code)).toBeNull();
  });
});

describe('noFollowUpReason', () => {
  const reason = (overrides: Partial<CensusEncounter>) => noFollowUpReason(encounter(overrides), OBS, NOW);

  it('is null when the encounter has a live or finished follow-up', () => {
    for (const status of ['open', 'in_progress', 'done'] as const) {
      expect(
        reason({ followUps: [{ kind: 'discharge', status, statusReason: null, team: 'north' }] }),
      ).toBeNull();
    }
  });

  it.each<[string, Partial<CensusEncounter>, string]>([
    ['an admission still in hospital', {}, 'in_hospital'],
    ['a patient who died (PID-30)', { patientDeceased: true }, 'expired'],
    ['an expired disposition', discharged('20'), 'expired'],
    ['a cancelled visit (A11)', { lastEndEvent: { type: 'A11', at: NOW } }, 'cancelled'],
    ['a clinic visit', { patientClass: 'O', hospitalService: 'CLN' }, 'not_eligible_class'],
    ['a preadmission', { patientClass: 'P' }, 'not_eligible_class'],
    ['a patient off a loaded roster', { ...discharged('01'), attributed: false }, 'not_attributed'],
    ['a discharge to a SNF', discharged('03'), 'post_acute'],
    ['a discharge to hospice', discharged('51'), 'hospice'],
    ['a discharge to law enforcement', discharged('21'), 'law_enforcement'],
    ['a discharge home that has none', discharged('01'), 'unexplained'],
  ])('%s → %s', (_label, overrides, expected) => {
    expect(reason(overrides)).toBe(expected);
  });

  it('reads the reason a cancelled follow-up carries', () => {
    const cancelled = (statusReason: string) => ({
      ...discharged('01'),
      patientClass: 'E',
      followUps: [{ kind: 'ed_visit' as const, status: 'cancelled' as const, statusReason, team: 'north' }],
    });
    expect(reason(cancelled('admitted'))).toBe('admitted');
    expect(reason(cancelled('discharge_cancelled'))).toBe('discharge_cancelled');
    expect(reason(cancelled('merged'))).toBe('merged');
    expect(reason(cancelled('visit_cancelled'))).toBe('cancelled');
    expect(reason(cancelled('deceased'))).toBe('unexplained');
  });
});

describe('reasonForVisit', () => {
  it('takes the PV2-3 admit reason, else the first diagnosis text, else its code, else nothing', () => {
    expect(
      reasonForVisit([
        { code: 'I50.9', text: 'Heart failure, unspecified' },
        { code: 'I10', text: 'Hypertension' },
      ]),
    ).toBe('Heart failure, unspecified');
    expect(reasonForVisit([{ code: 'R07.9', text: '' }])).toBe('R07.9');
    expect(reasonForVisit([])).toBeNull();
    expect(
      reasonForVisit([{ code: 'J18.9', text: 'Pneumonia' }], { code: 'R06.02', text: 'Shortness of breath' }),
    ).toBe('Shortness of breath');
    expect(reasonForVisit([{ code: 'J18.9', text: 'Pneumonia' }], { code: '', text: '' })).toBe('Pneumonia');
  });
});
