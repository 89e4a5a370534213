/**
 * The one builder of HL7 v2 test messages: a message is described by the fields a test cares about,
 * by segment and field number, over defaults that make an ordinary inpatient A03 from GENERAL_HOSP.
 */

/** Field values of one segment by HL7 field number (`{ 3: 'MRN1^^^GH^MR' }` is PID-3); undefined is empty. */
export type Hl7Fields = Readonly<Record<number, string | undefined>>;

/** What a test message says; every segment's fields merge over that segment's defaults. */
export interface Hl7TestMessage {
  /** MSH-10. */
  controlId: string;
  /** Trigger event: MSH-9 `ADT^<event>` and EVN-1; default A03. */
  event?: string;
  /** MSH-7 and EVN-2; default 20261118143000 and 20261118142500. */
  at?: string;
  /** MSH-4 and the assigning authority of the default PID-3; default GENERAL_HOSP. */
  facility?: string;
  /** PID-3.1 of the default PID-3; default MRN42. */
  mrn?: string;
  msh?: Hl7Fields;
  /** `null` leaves EVN out. */
  evn?: Hl7Fields | null;
  /** `null` leaves PID out. */
  pid?: Hl7Fields | null;
  /** MRG after PID; absent by default. */
  mrg?: Hl7Fields;
  /** `null` leaves PV1 out. */
  pv1?: Hl7Fields | null;
  /** Whole segments after PV1 (DG1, further merge groups), as written. */
  segments?: readonly string[];
}

/** The facility test messages come from unless they say otherwise. */
export const TEST_SENDING_FACILITY = 'GENERAL_HOSP';

/**
 * Writes one segment from its fields; fields not given are empty, and the segment ends at the
 * highest field given. MSH counts its fields from the separator (MSH-1), as HL7 does.
 * @param name - segment name, e.g. `PV1`
 * @param fields - values by field number
 */
export function hl7Segment(name: string, fields: Hl7Fields): string {
  const numbers = Object.keys(fields).map(Number);
  const first = name === 'MSH' ? 2 : 1;
  const last = Math.max(first - 1, ...numbers);
  const values = [name];
  for (let n = first; n <= last; n += 1) values.push(fields[n] ?? '');
  return values.join('|');
}

/**
 * Builds the text of a test message (segments separated by CR): MSH, EVN, PID, MRG, PV1, then
 * `segments`.
 * @param m - what the message says
 */
export function hl7TestMessage(m: Hl7TestMessage): string {
  const event = m.event ?? 'A03';
  const facility = m.facility ?? TEST_SENDING_FACILITY;
  const msh: Hl7Fields = {
    2: '^~\\&',
    3: 'EPIC',
    4: facility,
    5: 'FOLLOWUP',
    6: 'PRACTICE',
    7: m.at ?? '20261118143000',
    9: `ADT^${event}`,
    10: m.controlId,
    11: 'P',
    12: '2.5.1',
    ...m.msh,
  };
  const segments = [hl7Segment('MSH', msh)];
  if (m.evn !== null) segments.push(hl7Segment('EVN', { 1: event, 2: m.at ?? '20261118142500', ...m.evn }));
  if (m.pid !== null) {
    const pid = {
      1: '1',
      3: `${m.mrn ?? 'MRN42'}^^^${facility}^MR`,
      5: 'DOE^JANE',
      7: '19500101',
      8: 'F',
      ...m.pid,
    };
    segments.push(hl7Segment('PID', pid));
  }
  if (m.mrg) segments.push(hl7Segment('MRG', m.mrg));
  if (m.pv1 !== null) segments.push(hl7Segment('PV1', { 1: '1', 2: 'I', 3: '4W^1^A', ...m.pv1 }));
  segments.push(...(m.segments ?? []));
  return segments.join('\r');
}
