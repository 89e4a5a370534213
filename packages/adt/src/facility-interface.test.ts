import { describe, expect, it } from 'vitest';
import {
  checkSenderBinding,
  isSandboxMessage,
  normalizeFingerprint,
  parseProcessingIds,
  type CertificateBinding,
} from './facility-interface.js';

const A_FP = 'ab'.repeat(32);
const B_FP = 'cd'.repeat(32);

describe('facility interface rules', () => {
  it('normalises fingerprints as openssl and Node print them, and refuses anything else', () => {
    const colons = A_FP.toUpperCase().match(/../g)?.join(':') ?? '';
    expect(normalizeFingerprint(colons)).toBe(A_FP);
    expect(normalizeFingerprint(`SHA256 Fingerprint=${colons}`)).toBe(A_FP);
    expect(normalizeFingerprint(` ${A_FP} `)).toBe(A_FP);
    expect(normalizeFingerprint('abcd')).toBeNull();
    expect(normalizeFingerprint('zz'.repeat(32))).toBeNull();
  });

  it('reads processing ids and refuses unknown ones', () => {
    expect(parseProcessingIds('p, T,t')).toEqual(['P', 'T']);
    expect(() => parseProcessingIds('')).toThrow(/P, T and D/);
    expect(() => parseProcessingIds('P,X')).toThrow(/P, T and D/);
  });

  describe('sender binding', () => {
    const bindings = new Map<string, CertificateBinding>([
      ['HOSP_A', { subject: 'hosp-a-interface', fingerprint: null }],
      ['HOSP_B', { subject: null, fingerprint: B_FP }],
      ['HOSP_C', { subject: null, fingerprint: null }],
    ]);
    const certA = { subject: 'hosp-a-interface', fingerprint: A_FP };
    const certB = { subject: 'hosp-b-interface', fingerprint: B_FP };
    const unbound = { subject: 'lab-engine', fingerprint: 'ef'.repeat(32) };

    it('accepts a bound facility from its own certificate, by subject or fingerprint', () => {
      expect(checkSenderBinding('HOSP_A', bindings, certA)).toBeNull();
      expect(checkSenderBinding('HOSP_B', bindings, certB)).toBeNull();
    });

    it('refuses a certificate bound to A sending as B, or as an unbound facility', () => {
      expect(checkSenderBinding('HOSP_B', bindings, certA)).toEqual({
        reason: 'wrong_certificate',
        facility: 'HOSP_B',
      });
      expect(checkSenderBinding('HOSP_C', bindings, certA)).toEqual({
        reason: 'certificate_bound_elsewhere',
        facility: 'HOSP_C',
        boundTo: ['HOSP_A'],
      });
      expect(checkSenderBinding('HOSP_A', bindings, null)).toEqual({
        reason: 'no_certificate',
        facility: 'HOSP_A',
      });
    });

    it('keeps the behaviour before bindings for unbound facilities and certificates', () => {
      expect(checkSenderBinding('HOSP_C', bindings, unbound)).toBeNull();
      expect(checkSenderBinding('UNKNOWN', bindings, unbound)).toBeNull();
      expect(checkSenderBinding('UNKNOWN', bindings, null)).toBeNull();
    });

    it('needs every part a binding names', () => {
      const both = new Map([['HOSP_A', { subject: 'hosp-a-interface', fingerprint: B_FP }]]);
      expect(checkSenderBinding('HOSP_A', both, certA)?.reason).toBe('wrong_certificate');
    });
  });

  it('sends a test facility, or any MSH-11 T, to the sandbox', () => {
    expect(isSandboxMessage('P', 'test')).toBe(true);
    expect(isSandboxMessage('T', 'live')).toBe(true);
    expect(isSandboxMessage('T^A', undefined)).toBe(true);
    expect(isSandboxMessage('P', 'live')).toBe(false);
    expect(isSandboxMessage('D', undefined)).toBe(false);
  });
});
