import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserToken, startApiHarness, type ApiHarness } from './testing/api-harness.js';

describe('API request log', () => {
  const lines: string[] = [];
  let h: ApiHarness;

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    h = await startApiHarness('apilog', {}, { logDestination: destination });
  });

  afterAll(async () => {
    await h.close();
  });

  it('logs the route pattern and status, never the query or the token', async () => {
    const token = await createUserToken(h.db.pool, { role: 'admin', team: null, name: 'log-test' });
    const response = await h.app.inject({
      url: '/api/follow-ups?mrn=MRN-SECRET-4711',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    const text = lines.join('');
    expect(text).toContain('"route":"/api/follow-ups"');
    expect(text).toContain('"statusCode":200');
    expect(text).not.toContain('MRN-SECRET-4711');
    expect(text).not.toContain(token);
  });
});
