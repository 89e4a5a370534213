import { describe, expect, it } from 'vitest';
import { MEASURE_IDS } from './measure-rules.js';
import { MEASURE_TARGETS } from './measure-targets.js';

describe('MEASURE_TARGETS', () => {
  it('gives every measure a target with its reason, rates between 0 and 1', () => {
    for (const id of MEASURE_IDS) {
      const target = MEASURE_TARGETS[id];
      expect(target.reason.length).toBeGreaterThan(0);
      if (id === 'first_contact_hours') expect(target.value).toBeGreaterThan(1);
      else expect(target.value).toBeGreaterThan(0);
      if (id !== 'first_contact_hours') expect(target.value).toBeLessThanOrEqual(1);
    }
    // Fewer readmissions and faster contact are better; every other rate should be higher.
    expect(MEASURE_TARGETS.readmit_30d.better).toBe('lower');
    expect(MEASURE_TARGETS.first_contact_hours.better).toBe('lower');
    expect(MEASURE_TARGETS.tcm_contact_2bd.better).toBe('higher');
  });
});
