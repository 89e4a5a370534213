// Unit tests of what the sign-in page says when the identity provider's sign-in was refused.
import { describe, expect, it } from 'vitest';
import { signInRefusal } from '../public/assets/js/sign-in-refusals.js';

describe('signInRefusal', () => {
  it('explains each reason the callback gives', () => {
    expect(signInRefusal('no_role')).toMatch(/no group that gives access/);
    expect(signInRefusal('disabled')).toMatch(/disabled/);
  });

  it('says nothing without a reason, and something general for an unknown one', () => {
    expect(signInRefusal(null)).toBeNull();
    expect(signInRefusal('toString')).toMatch(/failed/);
    expect(signInRefusal('<b>made up</b>')).toMatch(/failed/);
  });
});
