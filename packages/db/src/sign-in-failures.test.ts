import { describe, expect, it } from 'vitest';
import {
  FIRST_SIGN_IN_LOCKOUT_MS,
  MAX_FAILED_SIGN_INS,
  MAX_SIGN_IN_LOCKOUT_MS,
  signInLockoutMs,
} from './sign-in-failures.js';

describe('signInLockoutMs', () => {
  it('does not lock before the fifth failure in a row', () => {
    for (let failures = 0; failures < MAX_FAILED_SIGN_INS; failures += 1) {
      expect(signInLockoutMs(failures)).toBe(0);
    }
  });

  it('locks for a minute, then doubles with each further failure up to 15 minutes', () => {
    const locks = [5, 6, 7, 8, 9, 10, 50, 5000].map(signInLockoutMs);
    expect(locks).toEqual([1, 2, 4, 8, 15, 15, 15, 15].map((minutes) => minutes * 60_000));
    expect(FIRST_SIGN_IN_LOCKOUT_MS).toBe(60_000);
    expect(MAX_SIGN_IN_LOCKOUT_MS).toBe(15 * 60_000);
  });
});
