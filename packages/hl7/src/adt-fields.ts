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

/** The fields, in message order. */
export const ADT_FIELD_USES: readonly AdtFieldUse[] = [
  {
    field: 'MSH-3',
    name: 'Sending application',
    need: 'required',
    drives: 'Message identity (with MSH-4 and MSH-10): duplicates are recognised by it.',
  },
  {
    field: 'MSH-4',
    name: 'Sending facility',
    need: 'required',
    drives:
      'Which facility settings apply (time zone, processing ids, certificate, test mode); part of the encounter key and of the default assigning authority.',
  },
  {
    field: 'MSH-7',
    name: 'Date/time of message',
    need: 'required',
    drives: 'Event order when EVN-2 is empty.',
  },
  {
    field: 'MSH-9',
    name: 'Message type',
    need: 'required',
    drives: 'Only ADT is accepted; MSH-9.2 (or EVN-1) is the trigger event.',
  },
  {
    field: 'MSH-10',
    name: 'Message control id',
    need: 'required',
    drives: 'Message identity and the ACK (MSA-2); a resend with the same id and content is a duplicate.',
  },
  {
    field: 'MSH-11',
    name: 'Processing id',
    need: 'required',
    drives: 'Must be one of the accepted processing ids; T sends the message to the test sandbox.',
  },
  { field: 'MSH-12', name: 'Version id', need: 'required', drives: 'HL7 2.1 to 2.8 are accepted.' },
  {
    field: 'MSH-15',
    name: 'Accept acknowledgment type',
    need: 'optional',
    drives: 'Enhanced mode: AL, NE, ER, SU for the commit ACK (CA/CE/CR).',
  },
  {
    field: 'MSH-16',
    name: 'Application acknowledgment type',
    need: 'optional',
    drives: 'Enhanced mode: an application ACK after processing.',
  },
  {
    field: 'MSH-18',
    name: 'Character set',
    need: 'optional',
    drives: 'How the bytes are decoded (ASCII, 8859/1, UNICODE UTF-8); the ACK uses the same.',
  },
  {
    field: 'EVN-1',
    name: 'Event type code',
    need: 'optional',
    drives: 'The trigger event when MSH-9.2 is empty.',
  },
  {
    field: 'EVN-2',
    name: 'Recorded date/time',
    need: 'recommended',
    drives: 'Event order: events of one visit are applied in this order, whatever order they arrive in.',
  },
  {
    field: 'PID-3',
    name: 'Patient identifier list',
    need: 'required',
    drives:
      'The patient: the MR repetition (else the first) with its assigning authority (PID-3.4, else MSH-4). Every repetition is kept and links records of one person.',
  },
  {
    field: 'PID-5',
    name: 'Patient name',
    need: 'recommended',
    drives: 'Shown to navigators; patient search.',
  },
  {
    field: 'PID-7',
    name: 'Date of birth',
    need: 'recommended',
    drives: 'Shown to navigators to confirm identity on the call.',
  },
  { field: 'PID-8', name: 'Administrative sex', need: 'optional', drives: 'Shown to navigators.' },
  { field: 'PID-11', name: 'Patient address', need: 'optional', drives: 'Call context.' },
  {
    field: 'PID-13',
    name: 'Home phone',
    need: 'recommended',
    drives: 'The number navigators call; phone search.',
  },
  { field: 'PID-14', name: 'Business phone', need: 'optional', drives: 'Call context.' },
  {
    field: 'PID-15',
    name: 'Primary language',
    need: 'optional',
    drives: 'Interpreter flag when it is not the practice language.',
  },
  { field: 'PID-18', name: 'Patient account number', need: 'optional', drives: 'A41 account merges.' },
  {
    field: 'PID-29',
    name: 'Patient death date and time',
    need: 'optional',
    drives: 'Recorded with the death indicator.',
  },
  {
    field: 'PID-30',
    name: 'Patient death indicator',
    need: 'recommended',
    drives: 'Y: no follow-up, and every open follow-up of the patient is cancelled.',
  },
  { field: 'PD1-4', name: 'Patient primary care provider', need: 'optional', drives: 'Call context.' },
  {
    field: 'NK1-2/3/5',
    name: 'Next of kin name, relationship, phone',
    need: 'optional',
    drives: 'Call context (who else to call).',
  },
  {
    field: 'PV1-2',
    name: 'Patient class',
    need: 'required',
    drives:
      'E: ED visit follow-up; I: inpatient discharge follow-up; O with an observation code: observation stay.',
  },
  { field: 'PV1-3', name: 'Assigned patient location', need: 'optional', drives: 'Shown on the census.' },
  {
    field: 'PV1-4',
    name: 'Admission type',
    need: 'recommended',
    drives: 'Acute admission in the readmission risk (LACE).',
  },
  { field: 'PV1-7', name: 'Attending doctor', need: 'optional', drives: 'Call context.' },
  {
    field: 'PV1-10',
    name: 'Hospital service',
    need: 'recommended',
    drives: 'Observation stays (with PV1-18), by the observation codes.',
  },
  { field: 'PV1-18', name: 'Patient type', need: 'optional', drives: 'Observation stays (with PV1-10).' },
  {
    field: 'PV1-19',
    name: 'Visit number',
    need: 'required',
    drives:
      'The encounter key (with MSH-4): every message of one stay updates one encounter and one follow-up. Without it, the patient and PV1-44 (else the event date) key the encounter.',
  },
  {
    field: 'PV1-36',
    name: 'Discharge disposition',
    need: 'required',
    drives:
      'On A03: expired cancels, post-acute and hospice hand off, 07 (AMA) raises the priority, home creates the call.',
  },
  {
    field: 'PV1-44',
    name: 'Admit date/time',
    need: 'recommended',
    drives: 'Length of stay (risk), the census, and the encounter key without PV1-19.',
  },
  {
    field: 'PV1-45',
    name: 'Discharge date/time',
    need: 'required',
    drives:
      'The TCM clock: the call is due by the end of the 2nd business day after it (else EVN-2, else MSH-7).',
  },
  {
    field: 'PV2-3',
    name: 'Admit reason',
    need: 'optional',
    drives: 'Reason for visit, shown to navigators.',
  },
  {
    field: 'DG1-3',
    name: 'Diagnosis code',
    need: 'recommended',
    drives: 'Comorbidity (Charlson) in the readmission risk; shown to navigators.',
  },
  {
    field: 'IN1-2/4/36',
    name: 'Insurance plan, company, policy number',
    need: 'optional',
    drives: 'Call context.',
  },
  {
    field: 'MRG-1',
    name: 'Prior patient identifier list',
    need: 'required',
    drives: 'Merges (A40, A34, A18, A39, A47): the record being replaced.',
  },
  { field: 'MRG-3', name: 'Prior patient account number', need: 'optional', drives: 'A41 account merges.' },
  { field: 'MRG-5', name: 'Prior visit number', need: 'optional', drives: 'A42 visit merges.' },
];
