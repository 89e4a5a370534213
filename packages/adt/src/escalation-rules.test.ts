import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ESCALATE_OVERDUE_AFTER_MINUTES,
  escalationCutoff,
  escalationResolutionOf,
  shouldEscalate,
  type EscalationCandidate,
} from './escalation-rules.js';

const NOW = new Date('2026-03-05T10:00:00Z');
const minutesBefore = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

function candidate(fields: Partial<EscalationCandidate> = {}): EscalationCandidate {
  return {
    dueAt: minutesBefore(300),
    status: 'open',
    patientInHospital: false,
    previous: null,
    ...fields,
  };
}

describe('shouldEscalate', () => {
  it('escalates open and in-progress work overdue by more than the threshold', () => {
    expect(shouldEscalate(candidate(), NOW, 240)).toBe(true);
    expect(shouldEscalate(candidate({ status: 'in_progress' }), NOW, 240)).toBe(true);
  });

  it('waits until the threshold has passed', () => {
    expect(shouldEscalate(candidate({ dueAt: minutesBefore(240) }), NOW, 240)).toBe(false);
    expect(shouldEscalate(candidate({ dueAt: minutesBefore(239) }), NOW, 240)).toBe(false);
    expect(shouldEscalate(candidate({ dueAt: minutesBefore(241) }), NOW, 240)).toBe(true);
  });

  it('never escalates finished work or a patient in hospital', () => {
    expect(shouldEscalate(candidate({ status: 'done' }), NOW, 240)).toBe(false);
    expect(shouldEscalate(candidate({ status: 'cancelled' }), NOW, 240)).toBe(false);
    expect(shouldEscalate(candidate({ patientInHospital: true }), NOW, 240)).toBe(false);
  });

  it('does not escalate again what the lead acknowledged', () => {
    const previous = { resolution: 'acknowledged' as const, resolvedAt: minutesBefore(10_000) };
    expect(shouldEscalate(candidate({ dueAt: minutesBefore(20_000), previous }), NOW, 240)).toBe(false);
  });

  it('escalates reassigned or reopened work again a whole threshold after', () => {
    const dueAt = minutesBefore(1_000);
    for (const resolution of ['reassigned', 'closed'] as const) {
      const recent = { resolution, resolvedAt: minutesBefore(100) };
      const earlier = { resolution, resolvedAt: minutesBefore(241) };
      expect(shouldEscalate(candidate({ dueAt, previous: recent }), NOW, 240)).toBe(false);
      expect(shouldEscalate(candidate({ dueAt, previous: earlier }), NOW, 240)).toBe(true);
    }
  });

  it('defaults to four hours', () => {
    expect(DEFAULT_ESCALATE_OVERDUE_AFTER_MINUTES).toBe(240);
    expect(escalationCutoff(NOW, 240)).toEqual(minutesBefore(240));
  });
});

describe('escalationResolutionOf', () => {
  it('resolves on a close or a hand-off only', () => {
    expect(escalationResolutionOf({ type: 'close', handedTo: false })).toBe('closed');
    expect(escalationResolutionOf({ type: 'hand_off', handedTo: true })).toBe('reassigned');
    expect(escalationResolutionOf({ type: 'contact_attempt', handedTo: false })).toBeNull();
    expect(escalationResolutionOf({ type: 'claim', handedTo: false })).toBeNull();
  });
});
