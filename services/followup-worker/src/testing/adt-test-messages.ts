/**
 * Readable ADT test messages for the worker's integration tests: one call per event, with only
 * the fields a test cares about. Not part of the build.
 */
import { hl7Segment, hl7TestMessage } from '@adt/testing';

/** What a test message says. Times are HL7 timestamps (`YYYYMMDDHHMM`), local to the facility. */
export interface TestAdt {
  controlId: string;
  /** Trigger event, e.g. `A03`. */
  event: string;
  mrn: string;
  /** PID-3.4; default GENERAL_HOSP. */
  authority?: string;
  /** MSH-7 and EVN-2. */
  at: string;
  /** PV1-19; omitted: no visit number. */
  visit?: string;
  /** PV1-2. */
  patientClass?: string;
  /** PV1-3, e.g. `4W^401^A`. */
  location?: string;
  /** PV1-4. */
  admissionType?: string;
  hospitalService?: string;
  patientType?: string;
  admit?: string;
  discharge?: string;
  disposition?: string;
  /** DG1-3 codes (ICD-10). */
  diagnoses?: readonly string[];
  /** PID-18. */
  account?: string;
  /** PID-30. */
  deceased?: boolean;
  familyName?: string;
  /** MRG-1, MRG-3, MRG-5. */
  prior?: { mrn?: string; account?: string; visit?: string };
  /** Leave PV1 out (merges, demographics). */
  noVisit?: boolean;
  /** MSH-4; default {@link TEST_FACILITY}. */
  facility?: string;
  /** Further PID-3 repetitions after the MR one, as sent (e.g. an HIE id `HIE123^^^HIE^PI`). */
  otherIdentifiers?: readonly string[];
}

/** The facility every test message comes from. */
export const TEST_FACILITY = 'GENERAL_HOSP';

/**
 * Builds the HL7 text of a test message.
 * @param m - what it says
 */
export function adtMessage(m: TestAdt): string {
  const facility = m.facility ?? TEST_FACILITY;
  const authority = m.authority ?? facility;
  return hl7TestMessage({
    controlId: m.controlId,
    event: m.event,
    at: m.at,
    facility,
    pid: {
      3: [`${m.mrn}^^^${authority}^MR`, ...(m.otherIdentifiers ?? [])].join('~'),
      5: `${m.familyName ?? 'DOE'}^JANE`,
      18: m.account ?? '',
      30: m.deceased ? 'Y' : '',
    },
    ...(m.prior && {
      mrg: {
        1: m.prior.mrn ? `${m.prior.mrn}^^^${authority}^MR` : '',
        3: m.prior.account ?? '',
        5: m.prior.visit ?? '',
      },
    }),
    pv1: m.noVisit
      ? null
      : {
          2: m.patientClass ?? '',
          3: m.location ?? '',
          4: m.admissionType ?? '',
          10: m.hospitalService ?? '',
          18: m.patientType ?? '',
          19: m.visit ?? '',
          36: m.disposition ?? '',
          44: m.admit ?? '',
          45: m.discharge ?? '',
        },
    segments: (m.diagnoses ?? []).map((code, i) =>
      hl7Segment('DG1', { 1: String(i + 1), 3: `${code}^^I10` }),
    ),
  });
}
