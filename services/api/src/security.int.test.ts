import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from './rate-limits.js';
import { DEFAULT_CONTENT_SECURITY_POLICY } from './security-headers.js';
import { type ApiHarness, cookiesAfter, createUserToken, startApiHarness } from './testing/api-harness.js';

// Behind a TLS-terminating proxy (TRUST_PROXY): X-Forwarded-For names the client, -Proto the scheme.
const API_LIMIT_FOR_TEST = 20;

describe('API security: headers, rate limits, strict input, no internals in errors', () => {
  let h: ApiHarness;
  let adminToken = '';
  let opsToken = '';
  // Budgets are per caller: the limit test spends its own token's.
  let busyToken = '';

  beforeAll(async () => {
    h = await startApiHarness(
      'apisecurity',
      { TRUST_PROXY: 'true' },
      // Production sign-in limit; a small API limit so the test does not need a thousand requests.
      { rateLimits: { ...DEFAULT_RATE_LIMITS, apiPerMinute: API_LIMIT_FOR_TEST } },
    );
    // A route that fails as a bug would, with internals in its message and stack.
    h.app.get('/api/test-only/failure', () => {
      throw new Error('relation "patients" does not exist (connecting as postgres:s3cret@db)');
    });
    adminToken = await createUserToken(h.db.pool, { role: 'admin', team: null, name: 'sec-admin' });
    opsToken = await createUserToken(h.db.pool, { role: 'ops', team: null, name: 'sec-ops' });
    busyToken = await createUserToken(h.db.pool, { role: 'admin', team: null, name: 'sec-busy' });
  });

  afterAll(async () => {
    await h.close();
  });

  // Each test sends from its own client address so their rate-limit budgets do not mix.
  const from = (address: string, headers: Record<string, string> = {}) => ({
    'x-forwarded-for': address,
    ...headers,
  });

  describe('security headers', () => {
    it('puts helmet’s headers and a deny-all policy on API responses, and no X-Powered-By', async () => {
      const response = await h.app.inject({
        url: '/api/users',
        headers: from('10.1.0.1', { authorization: `Bearer ${adminToken}` }),
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['content-security-policy']).toBe(DEFAULT_CONTENT_SECURITY_POLICY);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-powered-by']).toBeUndefined();
    });

    it('puts them on errors and unknown paths too', async () => {
      for (const url of ['/api/worklist', '/no/such/page']) {
        const response = await h.app.inject({ url, headers: from('10.1.0.2') });
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.headers['x-frame-options']).toBe('DENY');
        expect(response.headers['content-security-policy']).toBe(DEFAULT_CONTENT_SECURITY_POLICY);
      }
    });

    it('keeps the pages’ own Content-Security-Policy, which lets them load their scripts', async () => {
      const page = await h.app.inject({ url: '/sign-in', headers: from('10.1.0.3') });
      expect(page.statusCode).toBe(200);
      const policy = page.headers['content-security-policy'];
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    });

    it('keeps the queue dashboard’s own policy (inline styles allowed there only)', async () => {
      const dashboard = await h.app.inject({
        url: '/ops/queues',
        headers: from('10.1.0.4', { authorization: `Bearer ${opsToken}` }),
      });
      expect(dashboard.statusCode).toBe(200);
      expect(dashboard.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(dashboard.headers['x-frame-options']).toBe('DENY');
    });

    it('sends HSTS only for requests that came over HTTPS', async () => {
      const plain = await h.app.inject({ url: '/api/session', headers: from('10.1.0.5') });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      const secure = await h.app.inject({
        url: '/api/session',
        headers: from('10.1.0.5', { 'x-forwarded-proto': 'https' }),
      });
      expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    });
  });

  describe('rate limits', () => {
    async function attemptSignIn(
      address: string,
    ): Promise<{ statusCode: number; body: string; retryAfter: unknown }> {
      const first = await h.app.inject({ url: '/api/session', headers: from(address) });
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: from(address, {
          cookie: cookiesAfter(first),
          'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken,
        }),
        payload: { username: 'nobody', password: 'guess' },
      });
      return {
        statusCode: response.statusCode,
        body: response.body,
        retryAfter: response.headers['retry-after'],
      };
    }

    it('answers 429 with a JSON message after 10 sign-ins a minute from one address, not from another', async () => {
      const attempts = [];
      for (let i = 0; i < DEFAULT_RATE_LIMITS.signInPerMinute + 1; i += 1) {
        attempts.push(await attemptSignIn('10.2.0.1'));
      }
      expect(DEFAULT_RATE_LIMITS.signInPerMinute).toBe(10);
      expect(attempts.slice(0, 10).map((a) => a.statusCode)).toEqual(Array(10).fill(401));
      const refused = attempts[10];
      expect(refused?.statusCode).toBe(429);
      expect(JSON.parse(refused?.body ?? '{}')).toMatchObject({
        error: 'rate_limited',
        message: expect.stringMatching(/^Too many requests: try again in/) as unknown,
      });
      expect(Number(refused?.retryAfter)).toBeGreaterThan(0);
      // Another client is not held back by the first one's guessing.
      expect((await attemptSignIn('10.2.0.2')).statusCode).toBe(401);
    });

    it('limits each API caller separately and leaves pages alone', async () => {
      const call = (token: string) =>
        h.app.inject({ url: '/api/users', headers: from('10.3.0.1', { authorization: `Bearer ${token}` }) });
      const codes = [];
      for (let i = 0; i < API_LIMIT_FOR_TEST + 1; i += 1) codes.push((await call(busyToken)).statusCode);
      expect(codes.slice(0, API_LIMIT_FOR_TEST).every((c) => c === 200)).toBe(true);
      expect(codes[API_LIMIT_FOR_TEST]).toBe(429);
      // Same address, another caller: its own budget (a ward behind one hospital address).
      expect((await call(opsToken)).statusCode).toBe(403);
      for (let i = 0; i < API_LIMIT_FOR_TEST + 1; i += 1) {
        expect((await h.app.inject({ url: '/sign-in', headers: from('10.3.0.1') })).statusCode).toBe(200);
      }
    });
  });

  describe('strict input', () => {
    it('refuses unknown body fields instead of ignoring them', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: from('10.4.0.1', { authorization: `Bearer ${adminToken}` }),
        payload: { username: 'mallory', role: 'ops', isSuperuser: true },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'bad_request' });
      expect(response.body).toContain('isSuperuser');
    });

    it('documents every /api body as closed and every {id} as a constrained parameter', async () => {
      const document = (await h.app.inject({ url: '/docs/json', headers: from('10.4.0.2') })).json<{
        paths: Record<
          string,
          Record<
            string,
            {
              parameters?: { in: string; name: string; schema: { pattern?: string } }[];
              requestBody?: { content: Record<string, { schema: { additionalProperties?: unknown } }> };
            }
          >
        >;
      }>();
      let bodies = 0;
      for (const [path, operations] of Object.entries(document.paths)) {
        if (!path.startsWith('/api/') || path.startsWith('/api/test-only/')) continue;
        for (const [method, operation] of Object.entries(operations)) {
          for (const media of Object.values(operation.requestBody?.content ?? {})) {
            bodies += 1;
            expect(media.schema.additionalProperties, `${method} ${path}`).toBe(false);
          }
          if (path.includes('{id}')) {
            const id = operation.parameters?.find((p) => p.in === 'path' && p.name === 'id');
            expect(id?.schema.pattern, `${method} ${path}`).toBeDefined();
          }
        }
      }
      expect(bodies).toBeGreaterThanOrEqual(6);
    });
  });

  describe('errors', () => {
    it('hides the message and stack of a 500 from the caller', async () => {
      const response = await h.app.inject({ url: '/api/test-only/failure', headers: from('10.5.0.1') });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: 'internal_error', message: 'Internal error' });
      expect(response.body).not.toMatch(/relation|s3cret|stack|\.ts:\d+/);
    });
  });
});
