import { describe, it, expect } from 'vitest';
import { parseAdtMessage } from './adt-message.js';
import { Hl7ParseError } from './message-header.js';

/** An inpatient discharge as a typical Epic-style feed sends it (LF line ends, as saved to a file). */
const A03 = [
  'MSH|^~\\&|EPIC|STMARY^2.16.840.1.113883.3.72^ISO|ADTFU|CLINIC|20240315083000-0500||ADT^A03^ADT_A03|MSG00042|P|2.5.1|||AL|NE||UNICODE UTF-8',
  'EVN|A03|20240315082500-0500|||JSMITH^Smith^Jane|20240315080000-0500',
  'PID|1||E123456^^^EPIC^MR~987-65-4321^^^SSA^SS~^^^EPIC^PI||O\\S\\BRIEN^MAR\\XC38D\\A^T^^^^L~OBRIEN^MARIA^^^^^M||19520704|F|||12 Elm St^^Springfield^IL^62701||^PRN^PH^^^217^5551234|""||||||||||||||||""',
  'PD1||||1234^Welby^Marcus',
  'PV1|1|I|4E^401^A^STMARY^^^^^4 East||||1234^Welby^Marcus|||MED|||||||5678^Jones^Ann|IP|V7788^^^EPIC^VN|||||||||||||||||01||||||||20240310141500-0500|20240315080000-0500',
  'DG1|1||I50.9^Heart failure, unspecified^I10||20240310|A',
  'DG1|2||J44.1^COPD with \\T\\ acute exacerbation^I10||20240310|A',
  'DG1|3||""',
  '',
].join('\n');

describe('parseAdtMessage', () => {
  const adt = parseAdtMessage(A03);

  it('reads the same fields whatever other segments carry (a 50 KB OBX, NK1, IN1 are not parsed)', () => {
    const summary = 'Discharge summary line\\.br\\'.repeat(2_000);
    const withMore = A03.replace(
      'DG1|1|',
      `NK1|1|OBRIEN^SEAN|SPO\nOBX|1|TX|18842-5^Discharge summary^LN||${summary}||||||F\nIN1|1|BCBS\nDG1|1|`,
    );
    expect(withMore.length).toBeGreaterThan(50_000);
    expect(parseAdtMessage(withMore)).toEqual(adt);
  });

  it('reads the header, event and times', () => {
    expect(adt.header).toMatchObject({
      messageCode: 'ADT',
      triggerEvent: 'A03',
      controlId: 'MSG00042',
      sendingFacility: 'STMARY',
    });
    expect(adt.eventType).toBe('A03');
    expect(adt.eventOccurredAt).toBe('20240315082500-0500');
    expect(adt.recordedAt).toBe('20240315082500-0500');
  });

  it('reads every PID-3 repetition that carries an ID', () => {
    expect(adt.patient.identifiers).toEqual([
      { id: 'E123456', assigningAuthority: 'EPIC', type: 'MR' },
      { id: '987-65-4321', assigningAuthority: 'SSA', type: 'SS' },
    ]);
  });

  it('unescapes names, prefers the legal name and reads HL7 nulls as empty', () => {
    expect(adt.patient).toMatchObject({ familyName: 'O^BRIEN', givenName: 'MARÍA', middleName: 'T' });
    expect(adt.patient).toMatchObject({ birthDate: '19520704', sex: 'F', phone: '2175551234' });
    expect(adt.patient).toMatchObject({ deathIndicator: '', deathDateTime: '' });
  });

  it('reads the visit', () => {
    expect(adt.visit).toEqual({
      patientClass: 'I',
      assignedLocation: '4E^401^A^STMARY^^^^^4 East',
      admissionType: '',
      hospitalService: 'MED',
      patientType: 'IP',
      visitNumber: 'V7788',
      dischargeDisposition: '01',
      admitAt: '20240310141500-0500',
      dischargeAt: '20240315080000-0500',
    });
  });

  it('reads diagnoses from DG1-3, skipping empty ones', () => {
    expect(adt.diagnoses).toEqual([
      { code: 'I50.9', text: 'Heart failure, unspecified', codingSystem: 'I10' },
      { code: 'J44.1', text: 'COPD with & acute exacerbation', codingSystem: 'I10' },
    ]);
    expect(adt.priorIdentifiers).toEqual([]);
  });

  it('takes the event type from EVN-1 when MSH-9 is only ADT, and MSH-7 when EVN-2 is absent', () => {
    const text =
      'MSH|^~\\&|A|B|C|D|20240102030405||ADT|X1|P|2.3\rEVN|A04\rPID|1||M1^^^H^MR||DOE^JOHN|||||||||||||||||||||||||Y\rPV1|1|E';
    const parsed = parseAdtMessage(text);
    expect(parsed.eventType).toBe('A04');
    expect(parsed.eventOccurredAt).toBe('');
    expect(parsed.recordedAt).toBe('20240102030405');
    expect(parsed.patient).toMatchObject({
      familyName: 'DOE',
      givenName: 'JOHN',
      middleName: '',
      phone: '',
      deathIndicator: 'Y',
    });
    expect(parsed.visit).toMatchObject({
      patientClass: 'E',
      assignedLocation: '',
      visitNumber: '',
      dischargeAt: '',
    });
    expect(parsed.diagnoses).toEqual([]);
  });

  it('returns a null visit without PV1 and reads MRG-1 prior identifiers', () => {
    const text =
      'MSH|^~\\&|A|B|C|D|2024||ADT^A40^ADT_A39|X2|P|2.5.1\rEVN|A40|2024\rPID|1||NEW1^^^H^MR\rMRG|OLD1^^^H^MR~OLD2^^^H^MR';
    const parsed = parseAdtMessage(text);
    expect(parsed.visit).toBeNull();
    expect(parsed.priorIdentifiers).toEqual([
      { id: 'OLD1', assigningAuthority: 'H', type: 'MR' },
      { id: 'OLD2', assigningAuthority: 'H', type: 'MR' },
    ]);
  });

  it('reads PID-18, MRG-3 and MRG-5 for account and visit merges', () => {
    const text =
      'MSH|^~\\&|A|B|C|D|2024||ADT^A42|X4|P|2.5.1\rEVN|A42|2024\r' +
      'PID|1||P1^^^H^MR|||||||||||||||ACC2^^^H\rMRG|P1^^^H^MR||ACC1^^^H||V-OLD^^^H\r' +
      `PV1|1|I${'|'.repeat(17)}V-NEW`;
    const parsed = parseAdtMessage(text);
    expect(parsed.accountNumber).toBe('ACC2');
    expect(parsed.priorAccountNumber).toBe('ACC1');
    expect(parsed.priorVisitNumber).toBe('V-OLD');
    expect(parsed.visit?.visitNumber).toBe('V-NEW');
  });

  it('uses the message delimiters and the v2.7 MSH-2', () => {
    const text = 'MSH#$*@%!#A#B#C#D#2024##ADT$A01#X3#P#2.7\rPID#1##X@F@1$$$H%SUB$MR#';
    expect(parseAdtMessage(text).patient.identifiers).toEqual([
      { id: 'X#1', assigningAuthority: 'H', type: 'MR' },
    ]);
  });

  it('throws missing_field PID-3 when PID-3 is empty or PID is absent', () => {
    const empty = 'MSH|^~\\&|A|B|C|D|2024||ADT^A01|X|P|2.5.1\rPID|1||^^^H^MR~""';
    expect(() => parseAdtMessage(empty)).toThrow(
      expect.objectContaining({
        name: 'Hl7ParseError',
        code: 'missing_field',
        field: 'PID-3',
        message: 'PID-3 (patient identifier list) is empty',
      }),
    );
    const noPid = 'MSH|^~\\&|A|B|C|D|2024||ADT^A01|X|P|2.5.1\rEVN|A01';
    expect(() => parseAdtMessage(noPid)).toThrow(
      expect.objectContaining({ code: 'missing_field', field: 'PID-3' }),
    );
  });

  it('throws Hl7ParseError for text that is not a single HL7 message', () => {
    expect(() => parseAdtMessage('hello')).toThrow(Hl7ParseError);
    const twice =
      'MSH|^~\\&|A|B|C|D|2024||ADT^A01|X|P|2.5.1\rPID|1||1\rMSH|^~\\&|A|B|C|D|2024||ADT^A01|Y|P|2.5.1';
    expect(() => parseAdtMessage(twice)).toThrow(expect.objectContaining({ code: 'bad_msh' }));
  });

  it('reads a segment name in a field as a value, never as a segment', () => {
    // PID-17 (religion) and PV1-3 (location) holding the code MSH, EVN or PID, as some feeds do.
    const text =
      'MSH|^~\\&|A|B|C|D|2024||ADT^A01|X5|P|2.5.1\rEVN|A01|2024\r' +
      `PID|1||P1^^^H^MR${'|'.repeat(14)}MSH|\rPV1|1|I|MSH|EVN|PID${'|'.repeat(14)}V1`;
    const parsed = parseAdtMessage(text);
    expect(parsed.patient.identifiers).toEqual([{ id: 'P1', assigningAuthority: 'H', type: 'MR' }]);
    expect(parsed.visit).toMatchObject({ assignedLocation: 'MSH', admissionType: 'EVN', visitNumber: 'V1' });
  });
});
