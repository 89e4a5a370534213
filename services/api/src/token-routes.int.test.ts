import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@adt/db';
import { addUser, createUserToken, startApiHarness, type ApiHarness } from './testing/api-harness.js';

interface TokenJson {
  id: string;
  name: string;
  username: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

describe('API tokens belong to users: /api/tokens, revocation, disabled users', () => {
  let h: ApiHarness;
  let admin = '';
  let ops = '';
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const call = (method: 'GET' | 'DELETE' | 'PATCH', url: string, token: string, payload?: object) =>
    h.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const tokenFor = async (userId: string, name: string) => {
    const created = await createApiToken(h.db.pool, { userId, name });
    if (!created) throw new Error('token not created');
    return created;
  };
  const auditActions = async (action: string) =>
    (
      await h.db.pool.query<{ actor: string; resource_id: string | null }>(
        "SELECT actor, resource_id FROM audit_log WHERE resource = 'api_token' AND action = $1 ORDER BY id",
        [action],
      )
    ).rows;

  beforeAll(async () => {
    h = await startApiHarness('tokens');
    admin = await createUserToken(h.db.pool, { role: 'admin', team: null, name: 'admin' });
    ops = await createUserToken(h.db.pool, { role: 'ops', team: null, name: 'ops' });
  });

  afterAll(async () => {
    await h.close();
  });

  it('a token stops working the moment its user is disabled through the API', async () => {
    const userId = await addUser(h, { username: 'nightly', role: 'ops' });
    const { token } = await tokenFor(userId, 'nightly export');
    expect((await call('GET', '/api/messages', token)).statusCode).toBe(200);

    const disabled = await call('PATCH', `/api/users/${userId}`, admin, { disabled: true });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const refused = await call('GET', '/api/messages', token);
    expect(refused.statusCode).toBe(401);
    // Enabling the user again does not bring back a token ended by the disable.
    expect((await call('PATCH', `/api/users/${userId}`, admin, { disabled: false })).statusCode).toBe(200);
    expect((await call('GET', '/api/messages', token)).statusCode).toBe(401);
  });

  it("a token of a disabled user answers 401 even when the disable didn't revoke it", async () => {
    const userId = await addUser(h, { username: 'sqlonly', role: 'ops' });
    const { token } = await tokenFor(userId, 'direct');
    await h.db.pool.query('UPDATE users SET disabled_at = now() WHERE id = $1', [userId]);
    expect((await call('GET', '/api/messages', token)).statusCode).toBe(401);
    expect(await createApiToken(h.db.pool, { userId, name: 'for a disabled user' })).toBeNull();
  });

  it("a token has its user's role and teams as they are at each request", async () => {
    const userId = await addUser(h, { username: 'mover', role: 'navigator', teams: ['north'] });
    const { token } = await tokenFor(userId, 'mover script');
    const who = await call('GET', '/api/session', token);
    expect(who.json()).toMatchObject({ user: { kind: 'token', role: 'navigator', teams: ['north'] } });
    expect((await call('GET', '/api/messages', token)).statusCode).toBe(403);
    await call('PATCH', `/api/users/${userId}`, admin, { role: 'ops' });
    expect((await call('GET', '/api/messages', token)).statusCode).toBe(200);
  });

  it('an admin with a token cannot disable themselves (the token knows its user)', async () => {
    const userId = await addUser(h, { username: 'selfadmin', role: 'admin' });
    const { token } = await tokenFor(userId, 'self');
    const response = await call('PATCH', `/api/users/${userId}`, token, { disabled: true });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'self_lockout' });
  });

  it('GET /api/tokens lists tokens with their user, never a secret, for admins only, audited', async () => {
    const userId = await addUser(h, { username: 'lister', role: 'ops' });
    const { id, token } = await tokenFor(userId, 'listed');
    await call('GET', '/api/messages', token);
    expect((await h.app.inject({ url: '/api/tokens' })).statusCode).toBe(401);
    expect((await call('GET', '/api/tokens', ops)).statusCode).toBe(403);

    const response = await call('GET', '/api/tokens', admin);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).not.toMatch(/adt_|token_hash|hash/);
    const body = response.json<{ items: TokenJson[]; nextCursor: string | null }>();
    const listed = body.items.find((t) => t.id === id);
    expect(listed).toEqual({
      id,
      name: 'listed',
      username: 'lister',
      createdAt: expect.stringMatching(/Z$/) as string,
      lastUsedAt: expect.stringMatching(/Z$/) as string,
      revokedAt: null,
    });
    expect(body.items.map((t) => Number(t.id))).toEqual(
      [...body.items.map((t) => Number(t.id))].sort((a, b) => b - a),
    );
    expect((await auditActions('list')).length).toBeGreaterThan(0);

    const mine = await call('GET', '/api/tokens?username=LISTER', admin);
    expect(mine.json<{ items: TokenJson[] }>().items.map((t) => t.id)).toEqual([id]);
    expect((await call('GET', '/api/tokens?username=ghost', admin)).statusCode).toBe(404);
  });

  it('pages with limit and cursor', async () => {
    const first = (await call('GET', '/api/tokens?limit=1', admin)).json<{
      items: TokenJson[];
      nextCursor: string | null;
    }>();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = (await call('GET', `/api/tokens?limit=1&cursor=${first.nextCursor ?? ''}`, admin)).json<{
      items: TokenJson[];
    }>();
    expect(Number(second.items[0]?.id)).toBeLessThan(Number(first.items[0]?.id));
    expect((await call('GET', '/api/tokens?cursor=nonsense', admin)).statusCode).toBe(400);
  });

  it('DELETE /api/tokens/:id revokes at once, is audited, and refuses bad ids', async () => {
    const userId = await addUser(h, { username: 'revokee', role: 'ops' });
    const { id, token } = await tokenFor(userId, 'to revoke');
    expect((await call('GET', '/api/messages', token)).statusCode).toBe(200);

    expect((await call('DELETE', `/api/tokens/${id}`, ops)).statusCode).toBe(403);
    expect((await call('GET', '/api/messages', token)).statusCode).toBe(200);
    for (const bad of ['abc', '007', '1e3', '1.0', '-1', '12345678901234567890']) {
      const response = await call('DELETE', `/api/tokens/${bad}`, admin);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json()).toMatchObject({ error: 'bad_request' });
    }
    const unknown = await call('DELETE', '/api/tokens/999999', admin);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found' });

    const revoked = await call('DELETE', `/api/tokens/${id}`, admin);
    expect(revoked.statusCode, revoked.body).toBe(200);
    const json = revoked.json<TokenJson>();
    expect(json).toMatchObject({ id, name: 'to revoke', username: 'revokee' });
    expect(json.revokedAt).not.toBeNull();
    expect((await call('GET', '/api/messages', token)).statusCode).toBe(401);
    expect(await auditActions('revoke')).toContainEqual({
      actor: expect.stringMatching(/^admin:admin#\d+$/) as string,
      resource_id: id,
    });

    const again = await call('DELETE', `/api/tokens/${id}`, admin);
    expect(again.statusCode).toBe(200);
    expect(again.json<TokenJson>().revokedAt).toBe(json.revokedAt);
  });

  it('a live token always has a user; tokens from before users are listed without one', async () => {
    await expect(
      h.db.pool.query("INSERT INTO api_tokens (token_hash, name) VALUES ('\\x01', 'orphan')"),
    ).rejects.toThrow(/api_tokens_live_have_user/);
    await h.db.pool.query(
      "INSERT INTO api_tokens (token_hash, name, revoked_at) VALUES ('\\x02', 'legacy', now())",
    );
    const items = (await call('GET', '/api/tokens', admin)).json<{ items: TokenJson[] }>().items;
    expect(items.find((t) => t.name === 'legacy')).toMatchObject({ username: null });
  });

  it('the OpenAPI document describes both routes', async () => {
    const document = (await h.app.inject({ url: '/docs/json' })).json<{
      paths: Record<string, Record<string, { summary?: string }>>;
    }>();
    expect(document.paths['/api/tokens']?.get?.summary).toMatch(/API tokens/);
    expect(document.paths['/api/tokens/{id}']?.delete?.summary).toMatch(/Revoke/);
  });
});
