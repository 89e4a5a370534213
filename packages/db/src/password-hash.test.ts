import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password-hash.js';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('treats canonically equal Unicode as the same password', async () => {
    const stored = await hashPassword('café au lait, please');
    await expect(verifyPassword('cafe\u0301 au lait, please', stored)).resolves.toBe(true);
  });

  it('verifies a hash made with other cost parameters (the cost can be raised later)', async () => {
    // Made with ln=10, r=8, p=1 for the password "legacy password 1".
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('legacy password 1', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `$scrypt$ln=10,r=8,p=1$${salt.toString('base64')}$${key.toString('base64')}`;
    await expect(verifyPassword('legacy password 1', stored)).resolves.toBe(true);
  });

  it('refuses malformed hashes instead of throwing', async () => {
    await expect(verifyPassword('x', 'plain text')).resolves.toBe(false);
    await expect(verifyPassword('x', '$scrypt$ln=15,r=8,p=3$AAAA$AAAA')).resolves.toBe(false);
  });

  it('asks for at least 12 characters', () => {
    expect(passwordProblem('short')).toMatch(/12 characters/);
    expect(passwordProblem('twelve chars')).toBeNull();
  });

  it('refuses a password of spaces alone, however long', () => {
    expect(passwordProblem(' '.repeat(16))).toMatch(/only spaces/);
    expect(passwordProblem('\t \u00a0'.repeat(8))).toMatch(/only spaces/);
    expect(passwordProblem('  twelve chars  ')).toBeNull();
  });
});
