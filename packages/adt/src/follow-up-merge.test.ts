import { describe, expect, it } from 'vitest';

import type { ExistingFollowUp } from './follow-up.js';
import { duplicateFollowUpsToRetire } from './follow-up-merge.js';

const followUp = (id: string, overrides: Partial<ExistingFollowUp> = {}): ExistingFollowUp => ({
  id,
  kind: 'discharge',
  status: 'open',
  hasActions: false,
  inEdNow: false,
  ...overrides,
});

describe('duplicateFollowUpsToRetire', () => {
  it('keeps the older of two untouched duplicates', () => {
    expect(duplicateFollowUpsToRetire([followUp('1'), followUp('2')])).toEqual(['2']);
  });

  it('keeps the one a navigator worked on, even when it is newer', () => {
    expect(
      duplicateFollowUpsToRetire([followUp('1'), followUp('2', { hasActions: true, status: 'in_progress' })]),
    ).toEqual(['1']);
  });

  it('leaves other kinds and finished follow-ups alone', () => {
    expect(
      duplicateFollowUpsToRetire([
        followUp('1', { status: 'done' }),
        followUp('2'),
        followUp('3', { kind: 'ed_visit' }),
        followUp('4', { status: 'cancelled' }),
      ]),
    ).toEqual([]);
  });
});
