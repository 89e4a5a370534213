import { readFileSync } from 'node:fs';

/**
 * The discharge that carries every field of a call's context (tests/fixtures/adt-a03-patient-context.hl7),
 * with what it says where the parser and the API report it alike: several tests read it, and they
 * agree on its contents.
 */
export const PATIENT_CONTEXT_FIXTURE = {
  /** The message as stored: Latin-1, segments separated by CR. */
  hl7: readFileSync(
    new URL('../../../tests/fixtures/adt-a03-patient-context.hl7', import.meta.url),
    'latin1',
  ),
  /** PID-13 and PID-14, every repetition. */
  phones: [
    { number: '(207)555-0148', use: 'PRN', equipment: 'PH', field: 'PID-13' },
    { number: '2075550199', use: 'ORN', equipment: 'CP', field: 'PID-13' },
    { number: 'aoife.mcdonald@example.org', use: 'NET', equipment: 'Internet', field: 'PID-13' },
    { number: '2075550173 x22', use: 'WPN', equipment: 'PH', field: 'PID-14' },
  ],
  /** PID-15. */
  language: { code: 'spa', text: 'Spanish', codingSystem: 'ISO639' },
  /** The home (H) repetition of PID-11. */
  address: {
    street: '22 SHORE LN',
    other: '',
    city: 'PORTLAND',
    state: 'ME',
    postalCode: '04102',
    country: 'USA',
  },
  /** Every IN1, unescaped. */
  coverages: [
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
  ],
  /** PV2-3. */
  reasonForVisit: { code: 'R06.02', text: 'Shortness of breath', codingSystem: 'I10' },
};
