import { describe, expect, it } from 'vitest';
import { AdtMix, SAMPLE_FACILITY } from './adt-mix.js';

function field(text: string, segment: string, index: number): string {
  const line = text.split('\r').find((s) => s.startsWith(`${segment}|`)) ?? '';
  // MSH-1 is the separator itself, so MSH field n sits at split index n - 1.
  return line.split('|')[segment === 'MSH' ? index - 1 : index] ?? '';
}

describe('AdtMix', () => {
  const messages = (() => {
    const mix = new AdtMix({ streamId: 'T', seed: 42, sampleEvery: 10 });
    return Array.from({ length: 5000 }, () => mix.next());
  })();

  it('gives every message a unique control id, echoed in MSH-10', () => {
    expect(new Set(messages.map((m) => m.controlId)).size).toBe(messages.length);
    for (const m of messages.slice(0, 50)) expect(field(m.text, 'MSH', 10)).toBe(m.controlId);
  });

  it('sends A01, A03, A04 and A08 in a realistic proportion, with 1–3 KB messages and about 1% near 50 KB', () => {
    const share = (event: string) => messages.filter((m) => m.event === event).length / messages.length;
    expect(share('A08')).toBeGreaterThan(0.35);
    expect(share('A03')).toBeGreaterThan(0.2);
    expect(share('A01')).toBeGreaterThan(0.1);
    expect(share('A04')).toBeGreaterThan(0.1);
    const sizes = messages.map((m) => Buffer.byteLength(m.text));
    const large = sizes.filter((s) => s > 40_000);
    expect(large.length / sizes.length).toBeGreaterThan(0.005);
    expect(large.length / sizes.length).toBeLessThan(0.02);
    for (const s of large) expect(s).toBeLessThan(60_000);
    for (const s of sizes.filter((s) => s <= 40_000)) {
      expect(s).toBeGreaterThanOrEqual(1_000);
      expect(s).toBeLessThanOrEqual(3_000);
    }
  });

  it('keeps a visit in order: admission or arrival first, discharge last', () => {
    const byVisit = new Map<string, string[]>();
    for (const m of messages) {
      const visit = field(m.text, 'PV1', 19).split('^')[0] ?? '';
      byVisit.set(visit, [...(byVisit.get(visit) ?? []), m.event]);
    }
    for (const events of byVisit.values()) {
      expect(['A01', 'A04']).toContain(events[0]);
      expect(events.slice(1).every((e) => e === 'A08' || e === 'A03')).toBe(true);
      if (events.includes('A03')) expect(events.at(-1)).toBe('A03');
    }
  });

  it('marks the follow-up-creating event of one visit in ten, sent under the sampling facility', () => {
    const sampled = messages.filter((m) => m.sampleVisit !== null);
    expect(sampled.length).toBeGreaterThan(100);
    for (const m of sampled) {
      expect(field(m.text, 'MSH', 4)).toBe(SAMPLE_FACILITY);
      expect(field(m.text, 'PV1', 19).split('^')[0]).toBe(m.sampleVisit);
      const edArrival = m.event === 'A04' && field(m.text, 'PV1', 2) === 'E';
      const homeDischarge =
        m.event === 'A03' && field(m.text, 'PV1', 2) === 'I' && field(m.text, 'PV1', 36) === '01';
      expect(edArrival || homeDischarge).toBe(true);
    }
  });

  it('is reproducible from its seed', () => {
    const again = new AdtMix({ streamId: 'T', seed: 42, sampleEvery: 10 });
    const first = Array.from({ length: 50 }, () => again.next().text);
    // Timestamps follow the wall clock at construction; everything else is the seed's.
    const strip = (t: string) => t.replace(/\d{14}\+0000/g, 'TS');
    expect(first.map(strip)).toEqual(messages.slice(0, 50).map((m) => strip(m.text)));
  });

  it('seeds the worklist with inpatient home discharges of distinct visits', () => {
    const mix = new AdtMix({ streamId: 'E', seed: 1, largeEvery: 0 });
    const discharges = Array.from({ length: 100 }, () => mix.nextDischarge());
    expect(new Set(discharges.map((d) => d.sampleVisit)).size).toBe(100);
    for (const d of discharges) {
      expect(d.event).toBe('A03');
      expect(field(d.text, 'PV1', 2)).toBe('I');
      expect(field(d.text, 'PV1', 36)).toBe('01');
    }
  });
});
