import { describe, expect, it } from 'vitest';
import { authorityOfSystem, encounterClass, identifierSystem } from './fhir-codes.js';
import { FhirError } from './fhir-errors.js';
import {
  MAX_COUNT,
  parseEncounterSearch,
  parsePatientSearch,
  parseTaskSearch,
  patientRevIncludes,
  resourceId,
} from './fhir-search-params.js';

const ZONE = 'America/New_York';

function refusal(run: () => unknown): FhirError {
  try {
    run();
  } catch (error) {
    if (error instanceof FhirError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('identifier systems', () => {
  it('names an authority by OID, by URI or by a local URN, and reads each back', () => {
    expect(identifierSystem('2.16.840.1.113883.3.72')).toBe('urn:oid:2.16.840.1.113883.3.72');
    expect(identifierSystem('http://hospital.example/mrn')).toBe('http://hospital.example/mrn');
    expect(identifierSystem('GENERAL HOSP')).toBe('urn:adt-followup:assigning-authority:GENERAL%20HOSP');
    expect(identifierSystem('')).toBeUndefined();
    for (const authority of ['2.16.840.1.113883.3.72', 'http://hospital.example/mrn', 'GENERAL HOSP']) {
      expect(authorityOfSystem(identifierSystem(authority) ?? '')).toBe(authority);
    }
    expect(authorityOfSystem('GENERAL_HOSP')).toBe('GENERAL_HOSP');
  });

  it('maps PV1-2 to Encounter.class as the v2-to-FHIR concept map does', () => {
    expect(encounterClass('I').code).toBe('IMP');
    expect(encounterClass('e').code).toBe('EMER');
    expect(encounterClass('O').code).toBe('AMB');
    expect(encounterClass('P').code).toBe('PRENC');
    expect(encounterClass('R')).toEqual({
      system: 'http://terminology.hl7.org/CodeSystem/v2-0004',
      code: 'R',
    });
    expect(encounterClass('').code).toBe('UNK');
  });
});

describe('search parameters', () => {
  it('reads identifiers with a system, without one, and with an empty one; once', () => {
    const { criteria } = parsePatientSearch({
      identifier: 'urn:adt-followup:assigning-authority:GH|M1,M2,|M3',
    });
    expect(criteria.identifiers).toEqual([
      { assigningAuthority: 'GH', value: 'M1' },
      { assigningAuthority: null, value: 'M2' },
      { assigningAuthority: '', value: 'M3' },
    ]);
    expect(refusal(() => parsePatientSearch({ identifier: ['M1', 'M2'] })).message).toMatch(/given once/);
  });

  it('reads a day in the practice time zone, a month, and a time at its precision, as bounds', () => {
    const day = (text: string) => new Date(text);
    const range = (date: string | string[]) => parseEncounterSearch({ date }, ZONE).criteria.period;
    // 2026-12-03 in New York is 05:00Z to 05:00Z the next day.
    expect(range('ge2026-12-03')).toEqual({ endsFrom: day('2026-12-03T05:00:00Z') });
    expect(range('gt2026-12-03')).toEqual({ endsFrom: day('2026-12-04T05:00:00Z') });
    expect(range('le2026-12')).toEqual({ startsBefore: day('2027-01-01T05:00:00Z') });
    expect(range('lt2026')).toEqual({ startsBefore: day('2026-01-01T05:00:00Z') });
    expect(range('2026-12-03T10:15Z')).toEqual({
      startsFrom: day('2026-12-03T10:15:00Z'),
      endsBefore: day('2026-12-03T10:16:00Z'),
    });
    // Repetitions all hold: the tighter bound wins.
    expect(range(['ge2026-12-01', 'ge2026-12-03', 'le2026-12-10', 'le2026-12-05'])).toEqual({
      endsFrom: day('2026-12-03T05:00:00Z'),
      startsBefore: day('2026-12-06T05:00:00Z'),
    });
    expect(
      parseTaskSearch({ 'due-date': ['ge2026-12-01', 'lt2026-12-02T12:00:00Z'] }, ZONE).criteria.due,
    ).toEqual({
      from: day('2026-12-01T05:00:00Z'),
      before: day('2026-12-02T12:00:00Z'),
    });
    expect(parsePatientSearch({ birthdate: '1961' }).criteria.birthDate).toEqual({
      from: '1961-01-01',
      before: '1962-01-01',
    });
  });

  it('reads references as ids, and chains on the patient identifier', () => {
    const { criteria } = parseTaskSearch(
      {
        patient: 'https://example.org/fhir/R4/Patient/12',
        encounter: 'Encounter/7,8',
        'patient.identifier': 'GH|M1',
        status: 'ready,in-progress',
      },
      ZONE,
    );
    expect(criteria.patientIds).toEqual(['12']);
    expect(criteria.encounterIds).toEqual(['7', '8']);
    expect(criteria.patientIdentifiers).toEqual([{ assigningAuthority: 'GH', value: 'M1' }]);
    expect(criteria.statuses).toEqual(['ready', 'in-progress']);
    // Repetitions all hold: the values every one allows.
    expect(
      parseTaskSearch({ status: ['ready,in-progress', 'in-progress,completed'] }, ZONE).criteria.statuses,
    ).toEqual(['in-progress']);
  });

  it("adds a patient's encounters and tasks with _revinclude, and nothing else", () => {
    expect([...patientRevIncludes({ _revinclude: ['Encounter:patient', 'Task:subject'] })]).toEqual([
      'Encounter',
      'Task',
    ]);
    expect(patientRevIncludes({}).size).toBe(0);
    expect(refusal(() => patientRevIncludes({ _revinclude: 'Observation:patient' })).statusCode).toBe(400);
  });

  it('pages with a bounded _count', () => {
    expect(parsePatientSearch({}).page).toEqual({ count: 50, offset: 0 });
    expect(parsePatientSearch({ _count: '100000', _offset: '20' }).page).toEqual({
      count: MAX_COUNT,
      offset: 20,
    });
    expect(parsePatientSearch({ _count: '0' }).page.count).toBe(0);
  });

  it('treats an id that is valid FHIR but not one of ours as matching nothing', () => {
    expect(resourceId('42')).toBe('42');
    expect(resourceId('abc-1')).toBe('0');
    expect(refusal(() => resourceId('a/b')).statusCode).toBe(400);
  });

  it('refuses what it does not support with a 400 that says why', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => parsePatientSearch({ name: 'smith' }), /does not support the parameter "name"/],
      [() => parseTaskSearch({ 'status:not': 'ready' }, ZONE), /status:not/],
      [() => parseTaskSearch({ status: 'done' }, ZONE), /must be one of/],
      [() => parseEncounterSearch({ date: 'ap2026-12-01' }, ZONE), /prefix ap/],
      [() => parseEncounterSearch({ date: '2026-02-30' }, ZONE), /not a valid date/],
      [() => parseEncounterSearch({ date: '2026-12-01T10:00' }, ZONE), /needs a zone/],
      [() => parsePatientSearch({ birthdate: '1961-09-23T10:00Z' }), /give no time/],
      [() => parseEncounterSearch({ patient: 'Group/1' }, ZONE), /must refer to a Patient/],
      [() => parsePatientSearch({ identifier: 'GH|' }), /needs a value/],
      [() => parsePatientSearch({ _offset: '20000' }), /_offset/],
      [() => parsePatientSearch({ identifier: 'x'.repeat(300) }), /longer than/],
    ];
    for (const [run, message] of cases) {
      const error = refusal(run);
      expect(error.statusCode).toBe(400);
      expect(error.message).toMatch(message);
    }
    expect(refusal(() => parsePatientSearch({ _format: 'xml' })).statusCode).toBe(406);
  });
});
