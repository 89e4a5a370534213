import { describe, expect, it } from 'vitest';
import { FacilityLabels, MAX_FACILITY_LABEL_LENGTH, triggerEventLabel } from './metric-labels.js';

describe('triggerEventLabel', () => {
  it('keeps ADT trigger events A01 to A62, from an event or a message type', () => {
    expect(['A01', 'a03', ' A62 ', 'ADT^A08', 'ADT^A40^ADT_A39'].map(triggerEventLabel)).toEqual([
      'A01',
      'A03',
      'A62',
      'A08',
      'A40',
    ]);
  });

  it('counts anything else as other', () => {
    const invented = ['A00', 'A63', 'A99', 'Z01', 'ADT^Z99', 'R01', '', 'A1', 'A011', 'X'.repeat(500)];
    expect(new Set(invented.map(triggerEventLabel))).toEqual(new Set(['other']));
  });
});

describe('FacilityLabels', () => {
  it('with an allow-list, labels its facilities only, accepted traffic or not', () => {
    const labels = new FacilityLabels({ allowed: new Set(['GENERAL_HOSP']) });
    labels.noteAccepted('INVENTED');
    expect(labels.labelOf('GENERAL_HOSP')).toBe('GENERAL_HOSP');
    expect(labels.labelOf('INVENTED')).toBe('other');
  });

  it('without one, labels a facility only once a message of it was accepted', () => {
    const labels = new FacilityLabels({ allowed: new Set() });
    expect(labels.labelOf('NORTH')).toBe('other');
    labels.noteAccepted('NORTH');
    expect(labels.labelOf('NORTH')).toBe('NORTH');
    expect(labels.labelOf('')).toBe('other');
  });

  it('bounds what it learns: how many facilities and how long a name', () => {
    const labels = new FacilityLabels({ allowed: new Set(), maxLearned: 3 });
    const long = 'L'.repeat(MAX_FACILITY_LABEL_LENGTH + 1);
    labels.noteAccepted(long);
    for (let i = 0; i < 2_000; i += 1) labels.noteAccepted(`FAC${i}`);
    const values = new Set(
      [long, ...Array.from({ length: 2_000 }, (_, i) => `FAC${i}`)].map((f) => labels.labelOf(f)),
    );
    expect(values).toEqual(new Set(['FAC0', 'FAC1', 'FAC2', 'other']));
  });
});
