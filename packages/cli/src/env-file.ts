import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';

/** The repository's `.env`, the file `npm start` reads (the same path from src/ and dist/). */
export const REPOSITORY_ENV_FILE = fileURLToPath(new URL('../../../.env', import.meta.url));

/**
 * Adds the variables of an env file (`KEY=value` lines) to `env`, as `npm start` does: a variable
 * already set keeps its value, so one set on the command line wins over the file.
 * @param file - path of the file; a missing file changes nothing
 * @param env - the environment to fill
 * @returns whether the file was read
 */
export function loadEnvFile(file: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!existsSync(file)) return false;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (env[name] === undefined && value !== undefined) env[name] = value;
  }
  return true;
}
