/**
 * The sample messages of the interface sheet's test steps, written for one facility. The unit
 * tests run them through the parse and the follow-up rules, so the sheet never promises what the
 * product does not do.
 */
import { vocabulary } from './vocabulary.js';

/** A sample message of the test steps. */
export interface SampleMessage {
  title: string;
  /** What the product does with it. */
  expected: string;
  /** HL7 text, segments separated by CR. */
  text: string;
}

/**
 * Sample messages for a facility's test run: an ED arrival and discharge, an inpatient admission
 * and discharge home, and a visit cancel, with invented patients and the facility's MSH-4.
 * @param facility - MSH-4
 * @param processingId - MSH-11 to send
 * @param at - the time the samples are written for (their events are the day before)
 */
export function interfaceSampleMessages(facility: string, processingId: string, at: Date): SampleMessage[] {
  // Local times without an offset: the receiver reads them in the facility's time zone.
  const day = new Date(at.getTime() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10).replaceAll('-', '');
  const time = (hour: number) => `${day}${String(hour).padStart(2, '0')}00`;
  const segment = (name: string, fields: Readonly<Record<number, string>>) => {
    const last = Math.max(...Object.keys(fields).map(Number));
    const values = [name];
    for (let n = name === 'MSH' ? 2 : 1; n <= last; n += 1) values.push(fields[n] ?? '');
    return values.join('|');
  };
  const message = (
    control: string,
    event: string,
    hour: number,
    pid: string,
    pv1: string,
    extra: string[] = [],
  ) =>
    [
      segment('MSH', {
        2: '^~\\&',
        3: 'ADT_ENGINE',
        4: facility,
        5: 'FOLLOWUP',
        6: 'PRACTICE',
        7: time(hour),
        9: `ADT^${event}`,
        10: control,
        11: processingId,
        12: '2.5.1',
      }),
      segment('EVN', { 1: event, 2: time(hour) }),
      pid,
      pv1,
      ...extra,
    ].join('\r');
  const edPatient = segment('PID', {
    1: '1',
    3: 'TEST0001^^^^MR',
    5: 'TESTPATIENT^EDNA',
    7: '19600101',
    8: 'F',
    13: '5555550101',
  });
  const inPatient = segment('PID', {
    1: '1',
    3: 'TEST0002^^^^MR',
    5: 'TESTPATIENT^IAN',
    7: '19550202',
    8: 'M',
    13: '5555550102',
  });
  const edVisit = { 1: '1', 2: 'E', 3: 'ED^01', 19: 'TESTV0001', 44: time(9) };
  const stay = { 1: '1', 2: 'I', 3: '4W^401^A', 4: 'E', 10: 'MED', 19: 'TESTV0002', 44: time(10) };
  const deadline = vocabulary().rules.dischargeDeadlineText.replace(/^By/, 'by').replace(/\.$/, '');
  return [
    {
      title: 'ED arrival (A04, PV1-2 = E)',
      expected: 'AA; an ED visit follow-up, "in ED now".',
      text: message('TEST-0001', 'A04', 9, edPatient, segment('PV1', edVisit)),
    },
    {
      title: 'ED discharge home (A03, PV1-2 = E)',
      expected: 'AA; the same ED visit follow-up, due the next business day.',
      text: message(
        'TEST-0002',
        'A03',
        13,
        edPatient,
        segment('PV1', { ...edVisit, 36: '01', 45: time(13) }),
      ),
    },
    {
      title: 'Inpatient admission (A01, PV1-2 = I)',
      expected: 'AA; the stay is recorded, no follow-up yet.',
      text: message('TEST-0003', 'A01', 10, inPatient, segment('PV1', stay), [
        segment('DG1', { 1: '1', 3: 'I50.9^Heart failure, unspecified^I10', 6: 'A' }),
      ]),
    },
    {
      title: 'Inpatient discharge home (A03, PV1-36 = 01)',
      expected: `AA; a discharge follow-up, call due ${deadline}.`,
      text: message('TEST-0004', 'A03', 16, inPatient, segment('PV1', { ...stay, 36: '01', 45: time(16) })),
    },
    {
      title: 'Cancel the ED visit (A11)',
      expected: 'AA; the ED visit follow-up is cancelled (visit cancelled).',
      text: message(
        'TEST-0005',
        'A11',
        17,
        edPatient,
        segment('PV1', { 1: '1', 2: 'E', 3: 'ED^01', 19: 'TESTV0001' }),
      ),
    },
  ];
}
