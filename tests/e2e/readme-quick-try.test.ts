import { exec } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, waitFor, type TestStack } from './stack.js';

const sh = promisify(exec);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** The shell lines of the README's "Quick try" block, without their trailing comments. */
async function quickTryCommands(): Promise<string[]> {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('\n## Quick try\n')[1]?.split('\n## ')[0] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

interface ApiError {
  error: string;
  message: string;
}

interface WorklistItem {
  kind: string;
  team: string;
  patient: { mrn: string };
}

/** Signs in as the inbox does (CSRF token from GET /api/session, then POST) and returns the cookies. */
async function signIn(stack: TestStack, username: string, password: string): Promise<string> {
  const base = `http://127.0.0.1:${stack.api.port}`;
  const page = await fetch(`${base}/api/session`);
  const { csrfToken } = (await page.json()) as { csrfToken: string };
  const csrfCookie = page.headers.getSetCookie().map((c) => c.split(';')[0]);
  const signedIn = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: csrfCookie.join('; ') },
    body: JSON.stringify({ username, password }),
  });
  expect(signedIn.status).toBe(200);
  return signedIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('the README quick try on a fresh database', () => {
  let stack: TestStack;
  let env: NodeJS.ProcessEnv;
  /** Runs a command line as a shell would, against this test's stack. */
  const run = (line: string) => sh(line, { cwd: ROOT, env });

  beforeAll(async () => {
    stack = await startTestStack('quicktry');
    // What `npm start` and a `.env` would give the CLI, pointed at this test's stack; DEFAULT_TEAM
    // is left unset as in a fresh checkout.
    const { DEFAULT_TEAM: _unset, ...inherited } = process.env;
    env = {
      ...inherited,
      DATABASE_URL: stack.config.databaseUrl,
      REDIS_URL: stack.config.redisUrl,
      QUEUE_PREFIX: stack.config.queuePrefix,
      MLLP_PORT: String(stack.listener.mllpPort),
      HTTP_PORT: String(stack.api.port),
    };
  });

  afterAll(async () => {
    await stack.stop();
  });

  it("puts the sample discharge in the navigator's worklist when the README's commands are run in order", async () => {
    const commands = await quickTryCommands();
    const teamAdd = 'npm run adt -- team add north --name "North clinic"';
    const userCreate =
      'npm run adt -- user create jrivera --role navigator --team north --name "Jo Rivera, RN"';
    const send = 'npm run adt -- send tests/fixtures/adt-a03-inpatient-discharge.hl7';
    // The README says these, in this order, before anything else that touches the database.
    expect(commands.slice(0, 3)).toEqual([teamAdd, userCreate, send]);

    const added = await run(teamAdd);
    expect(added.stderr).toContain('added team north; as the first team, it gets the follow-ups');
    const created = await run(userCreate);
    const password = created.stdout.trim().split('\n').at(-1) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const sent = await run(send);
    expect(sent.stdout).toMatch(/^AA .*adt-a03-inpatient-discharge\.hl7 GH00012345/m);

    const cookie = await signIn(stack, 'jrivera', password);
    const items = await waitFor(async () => {
      const response = await stack.get('/api/worklist', undefined, { cookie });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: WorklistItem[] };
      return body.items.length > 0 ? body.items : undefined;
    }, 10_000);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'discharge', team: 'north', patient: { mrn: 'MRN100234' } });
  });

  it('refuses a team nobody added in the CLI, naming it and what to do', async () => {
    const refused = [
      'npm run -s adt -- user create nobody --role navigator --team nowhere',
      'npm run -s adt -- team add-member nowhere jrivera',
      'npm run -s adt -- team-rule add --team nowhere --kind ed_visit',
      'npm run -s adt -- team default nowhere',
    ];
    for (const line of refused) {
      const failed = await run(line).then(
        () => null,
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(failed, line).not.toBeNull();
      expect(failed?.code, line).toBe(1);
      expect(failed?.stderr, line).toContain('adt: No team nowhere; add it first (adt team add <name>)');
    }
    const rules = await stack.db.pool.query('SELECT id FROM team_rules');
    expect(rules.rowCount).toBe(0);
  });

  it('refuses a team nobody added in the API: user teams with 400, a worklist or search filter with 404', async () => {
    const admin = await stack.token('admin');
    const api = (method: string, url: string, body?: unknown) =>
      fetch(`http://127.0.0.1:${stack.api.port}${url}`, {
        method,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const created = await api('POST', '/api/users', {
      username: 'nobody',
      role: 'navigator',
      teams: ['nowhere'],
    });
    expect(created.status).toBe(400);
    const refusal = (await created.json()) as ApiError;
    expect(refusal.error).toBe('unknown_team');
    expect(refusal.message).toContain('No team nowhere');

    const users = (await (await api('GET', '/api/users')).json()) as {
      items: { id: string; username: string }[];
    };
    const jrivera = users.items.find((u) => u.username === 'jrivera');
    const patched = await api('PATCH', `/api/users/${jrivera?.id ?? ''}`, { teams: ['north', 'nowhere'] });
    expect(patched.status).toBe(400);
    expect(await patched.json()).toMatchObject({ error: 'unknown_team' });

    for (const url of [
      '/api/worklist?team=nowhere',
      '/api/worklist/changes?team=nowhere',
      '/api/follow-ups?team=nowhere',
    ]) {
      const response = await api('GET', url);
      expect(response.status, url).toBe(404);
      const body = (await response.json()) as ApiError;
      expect(body.error, url).toBe('unknown_team');
      expect(body.message, url).toContain('No team nowhere');
    }
    // A team that exists still filters, and shows the follow-up the quick try routed.
    const north = (await (await api('GET', '/api/worklist?team=north')).json()) as { items: WorklistItem[] };
    expect(north.items.map((f) => f.patient.mrn)).toEqual(['MRN100234']);
    const teams = (await (await api('GET', '/api/teams')).json()) as {
      items: { name: string; isDefault: boolean }[];
    };
    expect(teams.items.filter((t) => t.isDefault).map((t) => t.name)).toEqual(['north']);
  });
});
