import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvFile, REPOSITORY_ENV_FILE } from './env-file.js';

describe('loadEnvFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'adt-env-'));
  const file = path.join(dir, '.env');
  writeFileSync(file, '# settings\nDATABASE_URL=postgres://file/db\nMLLP_PORT=2599\nDEFAULT_TEAM="north"\n');

  it('adds the variables the environment does not set, and keeps the ones it does', () => {
    const env: NodeJS.ProcessEnv = { DATABASE_URL: 'postgres://shell/db' };
    expect(loadEnvFile(file, env)).toBe(true);
    expect(env).toEqual({ DATABASE_URL: 'postgres://shell/db', MLLP_PORT: '2599', DEFAULT_TEAM: 'north' });
  });

  it('changes nothing when there is no file', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadEnvFile(path.join(dir, 'absent.env'), env)).toBe(false);
    expect(env).toEqual({});
  });

  it('reads the .env at the repository root, the one npm start reads', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    expect(REPOSITORY_ENV_FILE).toBe(path.join(root, '.env'));
  });
});
