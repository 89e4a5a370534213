import { describe, expect, it } from 'vitest';
import { PATIENT_CONTEXT_FIXTURE } from '@adt/testing';
import { parsePatientContext } from './patient-context.js';

describe('parsePatientContext', () => {
  const context = parsePatientContext(PATIENT_CONTEXT_FIXTURE.hl7);

  it('reads every PID-13 and PID-14 repetition with its use and equipment codes', () => {
    expect(context.phones).toEqual(PATIENT_CONTEXT_FIXTURE.phones);
  });

  it('reads NK1 contacts with their relationship and phones', () => {
    expect(context.contacts).toEqual([
      {
        name: { family: "O'BRIEN-MCDONALD", given: 'LIAM', middle: '' },
        relationship: { code: 'SON', text: 'Son', codingSystem: 'HL70063' },
        phones: [
          { number: '2075550111', use: 'PRN', equipment: 'CP', field: 'NK1-5' },
          { number: '2075550122', use: 'WPN', equipment: 'PH', field: 'NK1-6' },
        ],
      },
      {
        name: { family: 'MCDONALD', given: 'ROSE', middle: '' },
        relationship: { code: 'SIS', text: 'Sister', codingSystem: 'HL70063' },
        phones: [{ number: '(207)555-0133', use: 'PRN', equipment: 'PH', field: 'NK1-5' }],
      },
    ]);
  });

  it('reads the language, the home address, the PCP and the attending', () => {
    expect(context.language).toEqual(PATIENT_CONTEXT_FIXTURE.language);
    expect(context.address).toEqual(PATIENT_CONTEXT_FIXTURE.address);
    expect(context.primaryCareProvider).toEqual({
      id: '4455',
      family: "O'BRIEN",
      given: 'SEAN',
      middle: '',
      prefix: 'DR',
      degree: 'MD',
    });
    expect(context.attending).toEqual({
      id: '7788',
      family: 'NGUYEN-PARK',
      given: 'ANH',
      middle: 'T',
      prefix: 'DR',
      degree: 'MD',
    });
  });

  it('reads every IN1 (policy number from IN1-36, else IN1-49), unescaped', () => {
    expect(context.coverages).toEqual(PATIENT_CONTEXT_FIXTURE.coverages);
  });

  it('reads the PV2-3 reason for visit and only the admitting (DG1-6 = A) diagnoses', () => {
    expect(context.reasonForVisit).toEqual(PATIENT_CONTEXT_FIXTURE.reasonForVisit);
    expect(context.admittingDiagnoses).toEqual([
      { code: 'J18.9', text: 'Pneumonia, unspecified organism', codingSystem: 'I10' },
    ]);
  });

  it('reads a message without any of it as empty, and HL7 nulls as absent', () => {
    const bare = [
      'MSH|^~\\&|APP|FAC|R|R|20261201103000||ADT^A03|X1|P|2.5.1',
      'PID|1||M1^^^FAC^MR||DOE^JANE|||||||""|""|""',
      'PV1|1|I|||||""',
      'DG1|1||R51^Headache^I10||20261201|W',
      'IN1|1|||',
    ].join('\r');
    expect(parsePatientContext(bare)).toEqual({
      phones: [],
      contacts: [],
      language: { code: '', text: '', codingSystem: '' },
      address: null,
      primaryCareProvider: null,
      coverages: [],
      reasonForVisit: { code: '', text: '', codingSystem: '' },
      admittingDiagnoses: [],
      attending: null,
    });
  });

  it('takes the description from DG1-4 when DG1-3 has no text', () => {
    const message =
      'MSH|^~\\&|APP|FAC|R|R|20261201103000||ADT^A01|X2|P|2.5.1\rDG1|1||R07.9|Chest pain|20261201|A';
    expect(parsePatientContext(message).admittingDiagnoses).toEqual([
      { code: 'R07.9', text: 'Chest pain', codingSystem: '' },
    ]);
  });
});
