import { describe, expect, it } from 'vitest';

import { decideCareAction, type CareActionRequest, type FollowUpActionState } from './care-action-rules.js';

const jo = { actor: 'user:jrivera', name: 'Jo Rivera, RN' };
const sam = { actor: 'user:sortiz', name: 'Sam Ortiz, RN' };
const kim = { actor: 'user:kim', name: 'Kim Lee, RN' };

const open: FollowUpActionState = {
  status: 'in_progress',
  holder: null,
  failedAttempts: 0,
  activeDuplicate: false,
};

function request(overrides: Partial<CareActionRequest>): CareActionRequest {
  return {
    type: 'note',
    actor: jo.actor,
    outcome: null,
    note: null,
    takeOver: false,
    receiver: null,
    ...overrides,
  };
}

describe('claims', () => {
  it('claims a follow-up nobody holds', () => {
    expect(decideCareAction(open, request({ type: 'claim' }))).toEqual({
      allowed: true,
      effect: 'start',
      previousHolder: null,
      handedTo: null,
    });
  });

  it('refuses to take a colleague’s claim silently, naming them', () => {
    const decision = decideCareAction({ ...open, holder: sam }, request({ type: 'claim' }));
    expect(decision).toMatchObject({
      allowed: false,
      refusal: { code: 'claimed', kind: 'conflict', holder: sam },
    });
    expect(decision.allowed ? '' : decision.refusal.message).toContain('Sam Ortiz, RN');
  });

  it('takes it over when asked, remembering who held it', () => {
    expect(
      decideCareAction({ ...open, holder: sam }, request({ type: 'claim', takeOver: true })),
    ).toMatchObject({
      allowed: true,
      previousHolder: sam,
    });
  });

  it('lets the holder claim again without a take-over', () => {
    expect(decideCareAction({ ...open, holder: jo }, request({ type: 'claim' }))).toMatchObject({
      allowed: true,
      previousHolder: null,
    });
  });

  it('accepts takeOver only on claims and hand-offs', () => {
    expect(decideCareAction(open, request({ type: 'note', note: 'x', takeOver: true }))).toMatchObject({
      refusal: { code: 'unexpected_field', kind: 'invalid' },
    });
  });
});

describe('hand-offs', () => {
  it('hands the holder’s follow-up to a team member', () => {
    expect(
      decideCareAction(
        { ...open, holder: jo },
        request({ type: 'hand_off', receiver: { ...sam, onTeam: true } }),
      ),
    ).toEqual({ allowed: true, effect: 'start', previousHolder: jo, handedTo: sam });
  });

  it('refuses a receiver outside the team', () => {
    expect(
      decideCareAction(open, request({ type: 'hand_off', receiver: { ...sam, onTeam: false } })),
    ).toMatchObject({ refusal: { code: 'receiver_not_on_team', kind: 'invalid' } });
  });

  it('needs a receiver, and not the caller or the holder', () => {
    expect(decideCareAction(open, request({ type: 'hand_off' }))).toMatchObject({
      refusal: { code: 'receiver_required' },
    });
    expect(
      decideCareAction(open, request({ type: 'hand_off', receiver: { ...jo, onTeam: true } })),
    ).toMatchObject({ refusal: { code: 'already_holder' } });
    expect(
      decideCareAction(
        { ...open, holder: sam },
        request({ type: 'hand_off', receiver: { ...sam, onTeam: true } }),
      ),
    ).toMatchObject({ refusal: { code: 'already_holder' } });
  });

  it('passing on a colleague’s follow-up is a take-over too', () => {
    const handOff = request({ type: 'hand_off', receiver: { ...kim, onTeam: true } });
    expect(decideCareAction({ ...open, holder: sam }, handOff)).toMatchObject({
      refusal: { code: 'claimed', holder: sam },
    });
    expect(decideCareAction({ ...open, holder: sam }, { ...handOff, takeOver: true })).toMatchObject({
      allowed: true,
      previousHolder: sam,
      handedTo: kim,
    });
  });

  it('accepts `to` only on a hand-off', () => {
    expect(
      decideCareAction(open, request({ type: 'claim', receiver: { ...sam, onTeam: true } })),
    ).toMatchObject({
      refusal: { code: 'unexpected_field' },
    });
  });
});

describe('closing', () => {
  it.each([0, 1])('refuses "unable to reach" after %i attempts (TCM asks for two)', (failedAttempts) => {
    const decision = decideCareAction(
      { ...open, failedAttempts },
      request({ type: 'close', outcome: 'unreachable' }),
    );
    expect(decision).toMatchObject({
      allowed: false,
      refusal: { code: 'too_few_attempts', kind: 'conflict' },
    });
    expect(decision.allowed ? '' : decision.refusal.message).toContain('at least 2 logged contact attempts');
  });

  it('closes as "unable to reach" after two attempts', () => {
    expect(
      decideCareAction({ ...open, failedAttempts: 2 }, request({ type: 'close', outcome: 'unreachable' })),
    ).toMatchObject({ allowed: true, effect: 'close' });
  });

  it('needs a note to close as "other"', () => {
    for (const note of [null, '   ']) {
      expect(decideCareAction(open, request({ type: 'close', outcome: 'other', note }))).toMatchObject({
        refusal: { code: 'note_required', kind: 'invalid' },
      });
    }
    expect(
      decideCareAction(open, request({ type: 'close', outcome: 'other', note: 'moved abroad' })),
    ).toMatchObject({ allowed: true, effect: 'close' });
  });

  it('closes as reached without attempts or a note', () => {
    expect(decideCareAction(open, request({ type: 'close', outcome: 'reached' }))).toMatchObject({
      allowed: true,
    });
  });

  it('adds nothing to a closed or cancelled follow-up', () => {
    for (const status of ['done', 'cancelled'] as const) {
      expect(decideCareAction({ ...open, status }, request({ type: 'note', note: 'late' }))).toMatchObject({
        refusal: { code: 'closed', kind: 'conflict' },
      });
    }
  });
});

describe('reopening', () => {
  it('reopens a closed follow-up', () => {
    expect(decideCareAction({ ...open, status: 'done' }, request({ type: 'reopen' }))).toMatchObject({
      allowed: true,
      effect: 'reopen',
    });
  });

  it('refuses an open, a cancelled, or a superseded one', () => {
    expect(decideCareAction(open, request({ type: 'reopen' }))).toMatchObject({
      refusal: { code: 'not_closed' },
    });
    expect(decideCareAction({ ...open, status: 'cancelled' }, request({ type: 'reopen' }))).toMatchObject({
      refusal: { code: 'cancelled' },
    });
    expect(
      decideCareAction({ ...open, status: 'done', activeDuplicate: true }, request({ type: 'reopen' })),
    ).toMatchObject({ refusal: { code: 'active_duplicate' } });
  });
});
