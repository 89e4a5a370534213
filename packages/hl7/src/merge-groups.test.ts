import { describe, it, expect } from 'vitest';
import { hl7TestMessage } from '@adt/testing';
import { parseAdtMessage } from './adt-message.js';
import { mergeScopeOf } from './merge-groups.js';
import { Hl7ParseError } from './message-header.js';

/** The parse error a message raises (fails the test when it parses). */
function parseError(text: string): Hl7ParseError {
  try {
    parseAdtMessage(text);
  } catch (error) {
    if (error instanceof Hl7ParseError) return error;
    throw error;
  }
  throw new Error('the message parsed');
}

function message(event: string, ...segments: string[]): string {
  return hl7TestMessage({
    controlId: 'M1',
    event,
    at: '20261123',
    facility: 'SMH',
    msh: { 5: 'ADTFU', 6: 'CLINIC', 9: `ADT^${event}^ADT_A39` },
    pid: null,
    pv1: null,
    segments,
  });
}

const PV1_VISIT = (visit: string) => `PV1|1|I${'|'.repeat(17)}${visit}`;

describe('merge groups in parseAdtMessage', () => {
  it('reads every PID/MRG group of an A40, in message order, with PD1 and PV1 inside groups', () => {
    const adt = parseAdtMessage(
      message(
        'A40',
        'PID|1||NEW1^^^SMH^MR||ONE^ANN||19500101|F',
        'PD1|||CLINIC',
        'MRG|OLD1^^^SMH^MR',
        'PID|1||NEW2^^^SMH^MR~E2^^^EPI^PI||TWO^BOB||19600202|M',
        'MRG|OLD2A^^^SMH^MR~OLD2B^^^SMH^MR',
        'PV1|1|O',
      ),
    );
    expect(adt.mergeGroups).toHaveLength(2);
    expect(adt.mergeGroups[0]).toMatchObject({
      patient: { identifiers: [{ id: 'NEW1' }], familyName: 'ONE', birthDate: '19500101' },
      priorIdentifiers: [{ id: 'OLD1', assigningAuthority: 'SMH', type: 'MR' }],
      visit: null,
    });
    expect(adt.mergeGroups[1]).toMatchObject({
      patient: { identifiers: [{ id: 'NEW2' }, { id: 'E2', type: 'PI' }], familyName: 'TWO', sex: 'M' },
      priorIdentifiers: [{ id: 'OLD2A' }, { id: 'OLD2B' }],
      visit: { patientClass: 'O' },
    });
    // The message-level fields keep reading the first group.
    expect(adt.patient.identifiers[0]?.id).toBe('NEW1');
    expect(adt.priorIdentifiers.map((id) => id.id)).toEqual(['OLD1']);
  });

  it('reads one group for a single-group A39 and none for a non-merge event', () => {
    const a39 = parseAdtMessage(message('A39', 'PID|1||P1^^^H^MR', 'MRG|P0^^^H^MR'));
    expect(a39.mergeGroups.map((g) => [g.patient.identifiers[0]?.id, g.priorIdentifiers[0]?.id])).toEqual([
      ['P1', 'P0'],
    ]);
    const a08 = parseAdtMessage(message('A08', 'PID|1||P1^^^H^MR', 'PV1|1|I'));
    expect(a08.mergeGroups).toEqual([]);
  });

  it('reads each A42 group’s own prior visit (MRG-5) and surviving visit (PV1-19)', () => {
    const adt = parseAdtMessage(
      message(
        'A42',
        'PID|1||P1^^^H^MR',
        'MRG|P1^^^H^MR||||V-OLD1',
        PV1_VISIT('V-NEW1'),
        'PID|1||P2^^^H^MR',
        'MRG|P2^^^H^MR||||V-OLD2',
        PV1_VISIT('V-NEW2'),
      ),
    );
    expect(adt.mergeGroups.map((g) => [g.priorVisitNumber, g.visit?.visitNumber])).toEqual([
      ['V-OLD1', 'V-NEW1'],
      ['V-OLD2', 'V-NEW2'],
    ]);
  });

  it('refuses an A40 whose second group has an empty MRG-1, naming the field and the group', () => {
    const error = parseError(
      message('A40', 'PID|1||NEW1^^^H^MR', 'MRG|OLD1^^^H^MR', 'PID|1||NEW2^^^H^MR', 'MRG|^^^H^MR'),
    );
    expect(error).toMatchObject({ code: 'missing_field', field: 'MRG-1' });
    expect(error.message).toMatch(/^MRG-1 \(prior patient identifier\) is empty in patient group 2 of 2: /);
  });

  it('refuses a group without its MRG segment, and an HL7 null MRG-1 as empty', () => {
    const noMrg = parseError(message('A39', 'PID|1||NEW1^^^H^MR', 'MRG|OLD1^^^H^MR', 'PID|1||NEW2^^^H^MR'));
    expect(noMrg.field).toBe('MRG-1');
    expect(noMrg.message).toContain('in patient group 2 of 2');
    const single = parseError(message('A40', 'PID|1||NEW1^^^H^MR', 'MRG|""'));
    expect(single.field).toBe('MRG-1');
    expect(single.message).toMatch(/^MRG-1 \(prior patient identifier\) is empty: /);
  });

  it('refuses a group without a survivor: a second MRG with no PID before it, or an empty PID-3', () => {
    const noPid = parseError(message('A40', 'PID|1||NEW1^^^H^MR', 'MRG|OLD1^^^H^MR', 'MRG|OLD2^^^H^MR'));
    expect(noPid.field).toBe('PID-3');
    expect(noPid.message).toContain('in patient group 2 of 2');
    const emptyPid = parseError(
      message('A40', 'PID|1||NEW1^^^H^MR', 'MRG|OLD1^^^H^MR', 'PID|1||""', 'MRG|OLD2^^^H^MR'),
    );
    expect(emptyPid.field).toBe('PID-3');
  });

  it('checks what each scope moves: MRG-3 and PID-18 for A41, MRG-5 and PV1-19 for A42', () => {
    const a41 = parseError(
      message(
        'A41',
        'PID|1||P1^^^H^MR|||||||||||||||ACC2',
        'MRG|P1^^^H^MR||ACC1',
        'PID|1||P2^^^H^MR',
        'MRG|P2^^^H^MR||ACC3',
      ),
    );
    expect(a41.field).toBe('PID-18');
    expect(a41.message).toContain('in patient group 2 of 2');
    const a42 = parseError(message('A42', 'PID|1||P1^^^H^MR', 'MRG|P1^^^H^MR||||V-OLD', 'PV1|1|I'));
    expect(a42.field).toBe('PV1-19');
    // A41 and A42 name the prior record in MRG-3 / MRG-5, so an empty MRG-1 is accepted there.
    const a41NoMrg1 = message('A41', 'PID|1||P1^^^H^MR|||||||||||||||ACC2', 'MRG|||ACC1');
    expect(parseAdtMessage(a41NoMrg1).mergeGroups[0]?.priorAccountNumber).toBe('ACC1');
  });
});

describe('mergeScopeOf', () => {
  it('names what each merge event moves and null for other events', () => {
    expect(['A40', 'a39 ', 'A34', 'A18', 'A47', 'A41', 'A42', 'A08'].map(mergeScopeOf)).toEqual([
      'patient',
      'patient',
      'patient',
      'patient',
      'identifier',
      'account',
      'visit',
      null,
    ]);
  });
});
