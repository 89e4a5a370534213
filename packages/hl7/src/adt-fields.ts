/**
 * Every ADT field processing reads, with what it drives: the field list of the interface sheet a
 * hospital's analyst builds the feed from (`adt interface-spec`). Kept beside the parse
 * (`adt-message.ts`, `patient-context.ts`) so a field the product starts or stops reading is
 * changed here in the same place.
 */

/** How much the product needs a field. */
export type AdtFieldNeed = 'required' | 'recommended' | 'optional';

/** One field the product reads. */
export interface AdtFieldUse {
  /** `SEG-n` or `SEG-n.c`. */
  field: string;
  name: string;
  need: AdtFieldNeed;
  /** What the product does with it, for the hospital's analyst. */
  drives: string;
}

// One builder per need, so each row states only the field, its name and what it drives.
const ofNeed =
  (need: AdtFieldNeed) =>
  (field: string, name: string, drives: string): AdtFieldUse => ({ field, name, need, drives });
const required = ofNeed('required');
const recommended = ofNeed('recommended');
const optional = ofNeed('optional');

/** The fields, in message order. */
export const ADT_FIELD_USES: readonly AdtFieldUse[] = [
  required(
    'MSH-3',
    'Sending application',
    'Message identity (with MSH-4 and MSH-10): duplicates are recognised by it.',
  ),
  required(
    'MSH-4',
    'Sending facility',
    'Which facility settings apply (time zone, processing ids, certificate, test mode); part of the encounter key and of the default assigning authority.',
  ),
  required('MSH-7', 'Date/time of message', 'Event order when EVN-2 is empty.'),
  required('MSH-9', 'Message type', 'Only ADT is accepted; MSH-9.2 (or EVN-1) is the trigger event.'),
  required(
    'MSH-10',
    'Message control id',
    'Message identity and the ACK (MSA-2); a resend with the same id and content is a duplicate.',
  ),
  required(
    'MSH-11',
    'Processing id',
    'Must be one of the accepted processing ids; T sends the message to the test sandbox.',
  ),
  required('MSH-12', 'Version id', 'HL7 2.1 to 2.8 are accepted.'),
  optional(
    'MSH-15',
    'Accept acknowledgment type',
    'Enhanced mode: AL, NE, ER, SU for the commit ACK (CA/CE/CR).',
  ),
  optional(
    'MSH-16',
    'Application acknowledgment type',
    'Enhanced mode: an application ACK after processing.',
  ),
  optional(
    'MSH-18',
    'Character set',
    'How the bytes are decoded (ASCII, 8859/1, UNICODE UTF-8); the ACK uses the same.',
  ),
  optional('EVN-1', 'Event type code', 'The trigger event when MSH-9.2 is empty.'),
  recommended(
    'EVN-2',
    'Recorded date/time',
    'Event order: events of one visit are applied in this order, whatever order they arrive in.',
  ),
  required(
    'PID-3',
    'Patient identifier list',
    'The patient: the MR repetition (else the first) with its assigning authority (PID-3.4, else MSH-4). Every repetition is kept and links records of one person.',
  ),
  recommended('PID-5', 'Patient name', 'Shown to navigators; patient search.'),
  recommended('PID-7', 'Date of birth', 'Shown to navigators to confirm identity on the call.'),
  optional('PID-8', 'Administrative sex', 'Shown to navigators.'),
  optional('PID-11', 'Patient address', 'Call context.'),
  recommended('PID-13', 'Home phone', 'The number navigators call; phone search.'),
  optional('PID-14', 'Business phone', 'Call context.'),
  optional('PID-15', 'Primary language', 'Interpreter flag when it is not the practice language.'),
  optional('PID-18', 'Patient account number', 'A41 account merges.'),
  optional('PID-29', 'Patient death date and time', 'Recorded with the death indicator.'),
  recommended(
    'PID-30',
    'Patient death indicator',
    'Y: no follow-up, and every open follow-up of the patient is cancelled.',
  ),
  optional('PD1-4', 'Patient primary care provider', 'Call context.'),
  optional('NK1-2/3/5', 'Next of kin name, relationship, phone', 'Call context (who else to call).'),
  required(
    'PV1-2',
    'Patient class',
    'E: ED visit follow-up; I: inpatient discharge follow-up; O with an observation code: observation stay.',
  ),
  optional('PV1-3', 'Assigned patient location', 'Shown on the census.'),
  recommended('PV1-4', 'Admission type', 'Acute admission in the readmission risk (LACE).'),
  optional('PV1-7', 'Attending doctor', 'Call context.'),
  recommended('PV1-10', 'Hospital service', 'Observation stays (with PV1-18), by the observation codes.'),
  optional('PV1-18', 'Patient type', 'Observation stays (with PV1-10).'),
  required(
    'PV1-19',
    'Visit number',
    'The encounter key (with MSH-4): every message of one stay updates one encounter and one follow-up. Without it, the patient and PV1-44 (else the event date) key the encounter.',
  ),
  required(
    'PV1-36',
    'Discharge disposition',
    'On A03: expired cancels, post-acute and hospice hand off, 07 (AMA) raises the priority, home creates the call.',
  ),
  recommended(
    'PV1-44',
    'Admit date/time',
    'Length of stay (risk), the census, and the encounter key without PV1-19.',
  ),
  required(
    'PV1-45',
    'Discharge date/time',
    'The TCM clock: the call is due by the end of the 2nd business day after it (else EVN-2, else MSH-7).',
  ),
  optional('PV2-3', 'Admit reason', 'Reason for visit, shown to navigators.'),
  recommended(
    'DG1-3',
    'Diagnosis code',
    'Comorbidity (Charlson) in the readmission risk; shown to navigators.',
  ),
  optional('IN1-2/4/36', 'Insurance plan, company, policy number', 'Call context.'),
  required(
    'MRG-1',
    'Prior patient identifier list',
    'Merges (A40, A34, A18, A39, A47): the record being replaced.',
  ),
  optional('MRG-3', 'Prior patient account number', 'A41 account merges.'),
  optional('MRG-5', 'Prior visit number', 'A42 visit merges.'),
];
