import { describe, expect, it } from 'vitest';
import { normalizePeerAddress, PeerAdmission } from './peer-admission.js';

describe('PeerAdmission', () => {
  it('admits any address when the allow-list is empty, up to the limits', () => {
    const admission = new PeerAdmission({
      allowedAddresses: [],
      maxConnections: 3,
      maxConnectionsPerAddress: 2,
    });
    expect(admission.admit('192.0.2.1')).toBeNull();
    expect(admission.admit('192.0.2.1')).toBeNull();
    expect(admission.admit('192.0.2.1')).toBe('too_many_from_address');
    expect(admission.admit('192.0.2.2')).toBeNull();
    expect(admission.admit('192.0.2.3')).toBe('too_many_connections');
    admission.release('192.0.2.1');
    expect(admission.admit('192.0.2.3')).toBeNull();
    expect(admission.admit('192.0.2.1')).toBe('too_many_connections');
  });

  it('admits only addresses inside the allow-listed blocks', () => {
    const admission = new PeerAdmission({
      allowedAddresses: ['10.1.0.0/16', '192.0.2.7', '2001:db8::/32'],
      maxConnections: 100,
      maxConnectionsPerAddress: 10,
    });
    expect(admission.admit('10.1.200.3')).toBeNull();
    expect(admission.admit('192.0.2.7')).toBeNull();
    expect(admission.admit('2001:db8::1')).toBeNull();
    expect(admission.admit('10.2.0.1')).toBe('address_not_allowed');
    expect(admission.admit('192.0.2.8')).toBe('address_not_allowed');
    expect(admission.admit('unknown')).toBe('address_not_allowed');
  });

  it('reads IPv4-mapped IPv6 peers as IPv4', () => {
    expect(normalizePeerAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizePeerAddress('::1')).toBe('::1');
    expect(normalizePeerAddress(undefined)).toBe('unknown');
  });
});
