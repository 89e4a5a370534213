import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, storeInboundMessage } from '@adt/db';
import {
  addUser,
  type ApiHarness,
  type BrowserSession,
  cookiesAfter,
  createUserToken,
  seedFollowUp,
  signIn,
  startApiHarness,
} from './testing/api-harness.js';

type Who = 'none' | 'navigator' | 'ops' | 'admin' | 'otherNavigator';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const WHO: readonly Who[] = ['none', 'navigator', 'ops', 'admin', 'otherNavigator'];

interface Row {
  method: Method;
  /** The route as OpenAPI names it; `{id}` is filled per route below. */
  route: string;
  /** Query string the route needs to pass validation. */
  query?: string;
  body?: () => object;
  expected: Record<Who, number>;
}

let unique = 0;
const next = () => (unique += 1);

const PERIOD = 'from=2026-11-01&to=2026-11-30';
const followUps = { none: 401, navigator: 200, ops: 403, admin: 200, otherNavigator: 200 };
const ownFollowUp = { none: 401, navigator: 200, ops: 403, admin: 200, otherNavigator: 403 };
const opsOnly = { none: 401, navigator: 403, ops: 200, admin: 200, otherNavigator: 403 };
const anyone = { none: 401, navigator: 200, ops: 200, admin: 200, otherNavigator: 200 };
const adminOnly = { none: 401, navigator: 403, ops: 403, admin: 200, otherNavigator: 403 };
const created = (codes: Record<Who, number>, status: number) =>
  Object.fromEntries(WHO.map((w) => [w, codes[w] === 200 ? status : codes[w]])) as Record<Who, number>;

// Every /api route. "otherNavigator" is a navigator of another team: the lists answer with their own
// team's follow-ups, one follow-up of this team is refused.
const MATRIX: Row[] = [
  { method: 'GET', route: '/api/worklist', expected: followUps },
  { method: 'GET', route: '/api/worklist/changes', expected: followUps },
  { method: 'GET', route: '/api/follow-ups', expected: followUps },
  { method: 'GET', route: '/api/census', expected: followUps },
  { method: 'GET', route: '/api/follow-ups/{id}', expected: ownFollowUp },
  { method: 'GET', route: '/api/follow-ups/{id}/colleagues', expected: ownFollowUp },
  { method: 'GET', route: '/api/follow-ups/{id}/tcm-readiness', expected: ownFollowUp },
  {
    method: 'POST',
    route: '/api/follow-ups/{id}/actions',
    body: () => ({ type: 'note', note: 'left a message with daughter' }),
    expected: created(ownFollowUp, 201),
  },
  { method: 'GET', route: '/api/messages', expected: opsOnly },
  { method: 'GET', route: '/api/messages/{id}', expected: opsOnly },
  { method: 'POST', route: '/api/messages/{id}/replay', expected: created(opsOnly, 202) },
  { method: 'POST', route: '/api/messages/replay-failed', expected: created(opsOnly, 202) },
  { method: 'GET', route: '/api/patients/unattributed', expected: opsOnly },
  // Figures of the caller's own teams; ops see no follow-ups.
  { method: 'GET', route: '/api/reports/measures', query: PERIOD, expected: followUps },
  { method: 'GET', route: '/api/reports/measures/{id}/members', query: PERIOD, expected: followUps },
  {
    method: 'GET',
    route: '/api/reports/measures/breakdown',
    query: `${PERIOD}&by=team`,
    expected: followUps,
  },
  { method: 'GET', route: '/api/reports/workload', query: PERIOD, expected: followUps },
  { method: 'GET', route: '/api/reports/tcm-readiness', query: PERIOD, expected: followUps },
  { method: 'GET', route: '/api/reports/measures/trend', query: PERIOD, expected: followUps },
  { method: 'GET', route: '/api/vocabulary', expected: anyone },
  { method: 'GET', route: '/api/ops/feeds', expected: opsOnly },
  { method: 'GET', route: '/api/ops/processing', expected: opsOnly },
  { method: 'GET', route: '/api/ops/alerts', expected: opsOnly },
  { method: 'POST', route: '/api/ops/queue/resume', expected: opsOnly },
  { method: 'GET', route: '/api/ops/sandbox', expected: opsOnly },
  { method: 'GET', route: '/api/facilities', expected: adminOnly },
  {
    method: 'PUT',
    route: '/api/facilities/{code}',
    body: () => ({ ackModeNotes: `note ${next()}` }),
    expected: adminOnly,
  },
  { method: 'GET', route: '/api/facilities/{code}/interface-spec', expected: adminOnly },
  { method: 'GET', route: '/api/users', expected: adminOnly },
  {
    method: 'POST',
    route: '/api/users',
    body: () => ({ username: `matrix${next()}`, role: 'ops', password: 'a long enough password' }),
    expected: created(adminOnly, 201),
  },
  {
    method: 'PATCH',
    route: '/api/users/{id}',
    body: () => ({ displayName: `Renamed ${next()}` }),
    expected: adminOnly,
  },
  { method: 'GET', route: '/api/teams', expected: adminOnly },
  {
    method: 'POST',
    route: '/api/teams',
    body: () => ({ name: `team-${next()}` }),
    expected: created(adminOnly, 201),
  },
  // Team leads (none among these callers) and admins; the escalation has already ended, so even an
  // admin's acknowledgement is refused, after the role checks.
  { method: 'GET', route: '/api/teams/{team}/overview', expected: adminOnly },
  {
    method: 'POST',
    route: '/api/escalations/{id}/acknowledge',
    expected: { none: 401, navigator: 403, ops: 403, admin: 409, otherNavigator: 403 },
  },
  { method: 'GET', route: '/api/audit', expected: adminOnly },
  { method: 'GET', route: '/api/tokens', expected: adminOnly },
  // Revoking a revoked token answers the same, so every admin row may revoke the one spare token.
  { method: 'DELETE', route: '/api/tokens/{id}', expected: adminOnly },
  { method: 'GET', route: '/api/subscriptions', expected: adminOnly },
  {
    method: 'POST',
    route: '/api/subscriptions',
    body: () => ({
      url: `https://93.184.216.34/hook/${next()}`,
      events: ['follow_up.created'],
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    }),
    expected: created(adminOnly, 201),
  },
  // Deleting a deleted subscription answers the same.
  { method: 'DELETE', route: '/api/subscriptions/{id}', expected: adminOnly },
  { method: 'GET', route: '/api/webhook-deliveries', expected: opsOnly },
  { method: 'POST', route: '/api/webhook-deliveries/{id}/redeliver', expected: opsOnly },
  // The session routes are open: they are how one gets credentials.
  {
    method: 'GET',
    route: '/api/session',
    expected: { none: 200, navigator: 200, ops: 200, admin: 200, otherNavigator: 200 },
  },
  {
    // A wrong password is refused for everyone; without credentials the sign-in also lacks the
    // CSRF token a browser gets from GET /api/session, so it is refused before the password check.
    method: 'POST',
    route: '/api/session',
    body: () => ({ username: 'nobody', password: 'wrong' }),
    expected: { none: 403, navigator: 401, ops: 401, admin: 401, otherNavigator: 401 },
  },
  {
    method: 'DELETE',
    route: '/api/session',
    expected: { none: 200, navigator: 200, ops: 200, admin: 200, otherNavigator: 200 },
  },
  {
    // Tokens have no password to change; people must give the right current one.
    method: 'POST',
    route: '/api/session/password',
    body: () => ({ currentPassword: 'not it', newPassword: 'a brand new password' }),
    expected: { none: 401, navigator: 403, ops: 403, admin: 403, otherNavigator: 403 },
  },
];

describe('authorisation matrix: every /api route × caller', () => {
  let h: ApiHarness;
  const tokens: Partial<Record<Who, string>> = {};
  const sessions: Partial<Record<Who, BrowserSession>> = {};
  // The id each `{id}` route is called with, by the route's collection.
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startApiHarness('authmatrix');
    const pool = h.db.pool;
    tokens.navigator = await createUserToken(pool, { role: 'navigator', team: 'north', name: 'nav' });
    tokens.otherNavigator = await createUserToken(pool, { role: 'navigator', team: 'south', name: 'nav2' });
    tokens.ops = await createUserToken(pool, { role: 'ops', team: null, name: 'ops' });
    tokens.admin = await createUserToken(pool, { role: 'admin', team: null, name: 'admin' });
    await addUser(h, { username: 'nav', role: 'navigator', teams: ['north'] });
    await addUser(h, { username: 'nav2', role: 'navigator', teams: ['south'] });
    await addUser(h, { username: 'ops', role: 'ops' });
    await addUser(h, { username: 'admin', role: 'admin' });
    for (const [who, username] of [
      ['navigator', 'nav'],
      ['otherNavigator', 'nav2'],
      ['ops', 'ops'],
      ['admin', 'admin'],
    ] as const) {
      sessions[who] = await signIn(h.app, username);
    }
    ids['/api/follow-ups'] = await seedFollowUp(h.db, {
      mrn: 'M-NORTH',
      team: 'north',
      dueAt: new Date(Date.now() + 86_400_000),
    });
    // Discharged, so TCM readiness applies to it.
    await pool.query(
      `UPDATE encounters SET discharged_at = now() - interval '1 day' WHERE encounter_key = 'V-M-NORTH'`,
    );
    await seedFollowUp(h.db, { mrn: 'M-SOUTH', team: 'south', dueAt: new Date(Date.now() + 86_400_000) });
    const message = await storeInboundMessage(pool, {
      raw: Buffer.from('MSH|^~\\&|EPIC|GENERAL_HOSP|||20261118||ADT^A03|X1|P|2.5.1'),
      contentHash: Buffer.from('x1'),
      peerAddress: '127.0.0.1',
      sendingApplication: 'EPIC',
      sendingFacility: 'GENERAL_HOSP',
      controlId: 'X1',
      messageType: 'ADT^A03',
      versionId: '2.5.1',
      ackCode: 'AA',
    });
    ids['/api/messages'] = message.id;
    ids['/api/reports/measures'] = 'tcm_contact_2bd';
    const escalation = await pool.query<{ id: string }>(
      `INSERT INTO escalations (follow_up_id, team, escalated_at, resolved_at, resolution)
       VALUES ($1, 'north', now(), now(), 'closed') RETURNING id::text`,
      [ids['/api/follow-ups']],
    );
    ids['/api/escalations'] = escalation.rows[0]?.id ?? '';
    ids['/api/users'] = await addUser(h, { username: 'target', role: 'ops' });
    const spare = await createApiToken(pool, { userId: ids['/api/users'], name: 'spare' });
    ids['/api/tokens'] = spare?.id ?? '';
    const subscription = await pool.query<{ id: string }>(
      `INSERT INTO webhook_subscriptions (url, events, secret, created_by)
       VALUES ('https://93.184.216.34/hook', '{follow_up.created}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'test')
       RETURNING id::text`,
    );
    ids['/api/subscriptions'] = subscription.rows[0]?.id ?? '';
    const event = await pool.query<{ id: string }>(
      `INSERT INTO webhook_events (type, patient_id, data) VALUES ('patient.deceased', 1, '{}') RETURNING id::text`,
    );
    const delivery = await pool.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, order_key, status)
       VALUES ($1, $2, 1, 'dead') RETURNING id::text`,
      [ids['/api/subscriptions'], event.rows[0]?.id],
    );
    ids['/api/webhook-deliveries'] = delivery.rows[0]?.id ?? '';
  });

  afterAll(async () => {
    await h.close();
  });

  it('covers every /api route the OpenAPI document lists', async () => {
    const document = (await h.app.inject({ url: '/docs/json' })).json<{ paths: Record<string, object> }>();
    const documented = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = MATRIX.map((row) => `${row.method} ${row.route}`);
    expect(documented.length).toBeGreaterThan(15);
    expect(new Set(covered)).toEqual(new Set(documented));
  });

  const url = (route: string) =>
    route
      .replace('{id}', ids[route.split('/{id}')[0] ?? ''] ?? '')
      .replace('{team}', 'north')
      .replace('{code}', 'GENERAL_HOSP');

  describe.each([
    ['an API bearer token', 'token'],
    ['a browser session cookie (with the CSRF token on writes)', 'session'],
  ] as const)('signed in with %s', (_label, kind) => {
    for (const row of MATRIX) {
      for (const who of WHO) {
        it(`${row.method} ${row.route} as ${who} → ${row.expected[who]}`, async () => {
          let headers: Record<string, string> = {};
          if (who !== 'none' && kind === 'token') headers = { authorization: `Bearer ${tokens[who] ?? ''}` };
          if (who !== 'none' && kind === 'session') {
            // Signing out would end the session the other rows use: sign out of a fresh one.
            const session =
              row.method === 'DELETE'
                ? await signIn(h.app, usernameOf(who))
                : (sessions[who] as BrowserSession);
            headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
          }
          const body = row.body?.();
          const response = await h.app.inject({
            method: row.method,
            url: row.query === undefined ? url(row.route) : `${url(row.route)}?${row.query}`,
            headers,
            ...(body ? { payload: body } : {}),
          });
          expect(response.statusCode, response.body).toBe(row.expected[who]);
          if (row.route === '/api/worklist' && response.statusCode === 200 && who !== 'admin') {
            // A navigator's list holds their own team only.
            const teams = response.json<{ items: { team: string }[] }>().items.map((f) => f.team);
            expect(new Set(teams)).toEqual(new Set([who === 'navigator' ? 'north' : 'south']));
          }
        });
      }
    }
  });

  it('answers 401 for an unknown token and for a session cookie nobody issued', async () => {
    const token = await h.app.inject({
      url: '/api/worklist',
      headers: { authorization: 'Bearer adt_not-real' },
    });
    expect(token.statusCode).toBe(401);
    const cookie = await h.app.inject({
      url: '/api/worklist',
      headers: { cookie: 'adt_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(cookie.statusCode).toBe(401);
    expect(cookiesAfter(cookie)).toBe('');
  });

  it("refuses a navigator another team's list with 403", async () => {
    const response = await h.app.inject({
      url: '/api/worklist?team=north',
      headers: { authorization: `Bearer ${tokens.otherNavigator ?? ''}` },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: 'other_team' });
  });
});

function usernameOf(who: Exclude<Who, 'none'>): string {
  return { navigator: 'nav', otherNavigator: 'nav2', ops: 'ops', admin: 'admin' }[who];
}
