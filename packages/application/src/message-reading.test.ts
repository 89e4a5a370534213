import { describe, expect, it } from 'vitest';
import { EMPTY_VISIT_STATE } from '@adt/adt';
import { parseAdtMessage } from '@adt/hl7';
import { hl7TestMessage } from '@adt/testing';
import { eventVisit, messageEncounterKey, patientUpsert } from './message-reading.js';

describe('message reading', () => {
  it('names the patient by PID-3, qualified by MSH-4 when the authority is empty', () => {
    const adt = parseAdtMessage(
      hl7TestMessage({ controlId: 'C1', pid: { 3: 'H9^^^HIE^PI~M7^^^^MR', 5: 'DOE^JANE', 7: '19500101' } }),
    );
    const upsert = patientUpsert(adt, new Date('2026-03-05T10:00:00Z'));
    expect(upsert).toMatchObject({ mrn: 'M7', assigningAuthority: 'GENERAL_HOSP', familyName: 'DOE' });
    expect(upsert.identifiers.map((id) => id.assigningAuthority)).toEqual(['HIE', 'GENERAL_HOSP']);
  });

  it('reads PV1-44 in the zone given when it has no offset', () => {
    const adt = parseAdtMessage(hl7TestMessage({ controlId: 'C2', pv1: { 2: 'I', 44: '202603050900' } }));
    expect(eventVisit(adt, 'America/New_York').admittedAt).toEqual(new Date('2026-03-05T14:00:00Z'));
  });

  it('keys the encounter by PV1-19 when sent', () => {
    const adt = parseAdtMessage(hl7TestMessage({ controlId: 'C3', pv1: { 2: 'I', 19: 'V55' } }));
    const at = new Date('2026-03-05T10:00:00Z');
    expect(messageEncounterKey(adt, '1', { ...EMPTY_VISIT_STATE, admittedAt: at }, at)).toBe('V55');
  });
});
