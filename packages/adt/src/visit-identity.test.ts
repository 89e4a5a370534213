import { describe, expect, it } from 'vitest';
import { encounterKey, identifierKey, rekeyForPatient } from './visit-identity.js';

describe('visit identity', () => {
  it('keys a patient by the MR identifier, else the first, qualified by the facility when unassigned', () => {
    const ids = [
      { id: 'H1', assigningAuthority: 'HIE', type: 'PI' },
      { id: 'M1', assigningAuthority: '', type: 'MR' },
    ];
    expect(identifierKey(ids, 'GH')).toEqual({ id: 'M1', assigningAuthority: 'GH', type: 'MR' });
    expect(identifierKey(ids.slice(0, 1), 'GH')).toEqual(ids[0]);
    expect(identifierKey([], 'GH')).toBeNull();
  });

  it('keys an encounter by PV1-19, else patient and admit time, else patient, event and date', () => {
    const base = { patientId: '7', eventType: 'A04', occurredAt: new Date('2026-03-05T10:00:00Z') };
    expect(encounterKey({ ...base, visitNumber: 'V1', admittedAt: null })).toBe('V1');
    expect(encounterKey({ ...base, visitNumber: '', admittedAt: new Date('2026-03-04T09:00:00Z') })).toBe(
      'patient:7:admit:2026-03-04T09:00:00.000Z',
    );
    expect(encounterKey({ ...base, visitNumber: '', admittedAt: null })).toBe(
      'patient:7:event:A04:2026-03-05',
    );
  });

  it('moves keys derived from a patient to the survivor and leaves visit numbers alone', () => {
    expect(rekeyForPatient('patient:7:event:A04:2026-03-05', '7', '9')).toBe(
      'patient:9:event:A04:2026-03-05',
    );
    expect(rekeyForPatient('V1', '7', '9')).toBe('V1');
  });
});
