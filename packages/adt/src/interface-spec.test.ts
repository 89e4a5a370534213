import { describe, expect, it } from 'vitest';
import { ADT_FIELD_USES, findAdtMessageProblem, parseAdtMessage } from '@adt/hl7';
import { planFollowUpEffects } from './follow-up-rules.js';
import { parseHl7Timestamp } from './hl7-time.js';
import { interfaceSampleMessages } from './interface-samples.js';
import { buildInterfaceSpec, INTERFACE_EVENTS } from './interface-spec.js';
import { vocabulary } from './vocabulary.js';

const AT = new Date('2026-12-08T15:00:00Z');
const ZONE = 'America/Chicago';

const facility = {
  code: 'LAKESIDE_MED',
  displayName: 'Lakeside Medical Center',
  timeZone: ZONE,
  processingIds: ['P', 'T'],
  certificateSubject: 'lakeside-interface',
  certificateFingerprint: null,
  ackModeNotes: 'Engine resends after 30 s without an ACK.',
  mode: 'test' as const,
};
const settings = {
  practice: { timeZone: 'America/New_York', observationCodes: new Set(['OBS']) },
  mllp: {
    port: 2575,
    tls: { requireClientCert: true },
    maxFrameBytes: 8_388_608,
    idleTimeoutMs: 600_000,
    processingIds: new Set(['P']),
    allowedFacilities: new Set<string>(),
  },
};

describe('interface specification sheet', () => {
  const sheet = buildInterfaceSpec(facility, settings, AT);

  it("states the facility's settings and the connection", () => {
    expect(sheet).toContain('# ADT interface specification: Lakeside Medical Center (LAKESIDE_MED)');
    expect(sheet).toContain(`| Time zone of timestamps without an offset | ${ZONE} |`);
    expect(sheet).toContain('| Accepted processing ids (MSH-11) | P, T |');
    expect(sheet).toContain('subject CN `lakeside-interface`');
    expect(sheet).toContain('Engine resends after 30 s');
    expect(sheet).toContain('| Port | 2575 |');
    expect(sheet).toMatch(/mutual TLS/);
  });

  it('lists every event the product names and every field it reads', () => {
    for (const event of Object.keys(vocabulary().events)) expect(INTERFACE_EVENTS).toContain(event);
    for (const event of INTERFACE_EVENTS) expect(sheet).toContain(`| ${event} |`);
    for (const field of ADT_FIELD_USES)
      expect(sheet).toContain(`| ${field.field} | ${field.name} | ${field.need} |`);
    expect(sheet).toContain('| 202 | Unsupported processing id (MSH-11) |');
  });

  it('falls back to the practice zone and the installation processing ids when the facility sets none', () => {
    const plain = buildInterfaceSpec(
      { ...facility, timeZone: null, processingIds: null, certificateSubject: null, mode: 'live' },
      settings,
      AT,
    );
    expect(plain).toContain("America/New_York (the practice's; not set for this facility)");
    expect(plain).toContain('| Accepted processing ids (MSH-11) | P (installation default) |');
    expect(plain).toContain('not bound');
  });

  it('writes sample messages the receiver accepts and that make the follow-ups they promise', () => {
    const samples = interfaceSampleMessages(facility.code, 'T', AT);
    const rules = {
      calendar: { zone: ZONE, holidays: new Set<string>() },
      observationCodes: new Set(['OBS']),
    };
    const created = samples.map((sample) => {
      const adt = parseAdtMessage(sample.text);
      expect(findAdtMessageProblem(adt)).toBeNull();
      expect(adt.header.sendingFacility).toBe('LAKESIDE_MED');
      expect(adt.header.processingId).toBe('T');
      const occurredAt = parseHl7Timestamp(adt.recordedAt, ZONE);
      expect(occurredAt).not.toBeNull();
      const visit = adt.visit;
      const effects = planFollowUpEffects(
        {
          eventType: adt.eventType,
          occurredAt: occurredAt ?? AT,
          patientClass: visit?.patientClass ?? '',
          hospitalService: visit?.hospitalService ?? '',
          patientType: visit?.patientType ?? '',
          dischargeDisposition: visit?.dischargeDisposition ?? '',
          admitAt: visit ? parseHl7Timestamp(visit.admitAt, ZONE) : null,
          dischargeAt: visit ? parseHl7Timestamp(visit.dischargeAt, ZONE) : null,
          deceased: false,
        },
        [],
        rules,
      );
      return effects.flatMap((e) => (e.type === 'create' ? [e.kind] : []));
    });
    // Each alone: A04 and the ED A03 make the ED visit follow-up, A01 none, the inpatient A03 the
    // discharge follow-up (the A11 cancels what exists, nothing alone).
    expect(created).toEqual([['ed_visit'], ['ed_visit'], [], ['discharge'], []]);
    for (const sample of samples) expect(sheet).toContain(sample.text.split('\r')[0]);
  });
});
