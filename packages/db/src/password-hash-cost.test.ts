import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PASSWORD_HASH_COST_LOG2,
  hashPassword,
  setPasswordHashCost,
  verifyDecoyPassword,
  verifyPassword,
} from './password-hash.js';

describe('password hash cost', () => {
  it('hashes at the production cost until told otherwise, and a lowered cost shows in the hash', async () => {
    expect(DEFAULT_PASSWORD_HASH_COST_LOG2).toBe(15);
    const full = await hashPassword('correct horse battery staple');
    expect(full).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$/);

    setPasswordHashCost(10);
    const cheap = await hashPassword('correct horse battery staple');
    expect(cheap).toMatch(/^\$scrypt\$ln=10,r=8,p=3\$/);
    // Each hash names its cost, so both verify whatever the current setting.
    await expect(verifyPassword('correct horse battery staple', cheap)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery staple', full)).resolves.toBe(true);
    await expect(verifyPassword('wrong horse battery staple', cheap)).resolves.toBe(false);
    await expect(verifyDecoyPassword('anything at all')).resolves.toBe(false);
    setPasswordHashCost(DEFAULT_PASSWORD_HASH_COST_LOG2);
  });

  it('refuses a cost outside 4 to 20', () => {
    expect(() => {
      setPasswordHashCost(3);
    }).toThrow(RangeError);
    expect(() => {
      setPasswordHashCost(21);
    }).toThrow(RangeError);
    expect(() => {
      setPasswordHashCost(12.5);
    }).toThrow(RangeError);
  });
});
