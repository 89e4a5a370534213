import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePatientContext } from './patient-context.js';

const fixture = readFileSync(
  new URL('../../../tests/fixtures/adt-a03-patient-context.hl7', import.meta.url),
  'latin1',
);

describe('parsePatientContext', () => {
  const context = parsePatientContext(fixture);

  it('reads every PID-13 and PID-14 repetition with its use and equipment codes', () => {
    expect(context.phones).toEqual([
      { number: '(207)555-0148', use: 'PRN', equipment: 'PH', field: 'PID-13' },
      { number: '2075550199', use: 'ORN', equipment: 'CP', field: 'PID-13' },
      { number: 'aoife.mcdonald@example.org', use: 'NET', equipment: 'Internet', field: 'PID-13' },
      { number: '2075550173 x22', use: 'WPN', equipment: 'PH', field: 'PID-14' },
    ]);
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
    expect(context.language).toEqual({ code: 'spa', text: 'Spanish', codingSystem: 'ISO639' });
    expect(context.address).toEqual({
      street: '22 SHORE LN',
      other: '',
      city: 'PORTLAND',
      state: 'ME',
      postalCode: '04102',
      country: 'USA',
    });
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
    expect(context.coverages).toEqual([
      {
        planId: 'MCR-A',
        planName: 'Medicare Part A',
        companyName: 'CENTERS FOR MEDICARE & MEDICAID SERVICES',
        policyNumber: '1EG4TE5MK73',
        groupNumber: '',
      },
      {
        planId: 'SUPP-G',
        planName: 'Medigap Plan G',
        companyName: 'NORTHEAST MUTUAL HEALTH',
        policyNumber: 'NMH0099231',
        groupNumber: 'GRP-4410',
      },
    ]);
  });

  it('reads the PV2-3 reason for visit and only the admitting (DG1-6 = A) diagnoses', () => {
    expect(context.reasonForVisit).toEqual({
      code: 'R06.02',
      text: 'Shortness of breath',
      codingSystem: 'I10',
    });
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
