import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRosterEntries, lockEncounter, upsertPatient, withTransaction } from '@adt/db';
import type { TestDatabase } from '@adt/testing';
import { createUserToken, startApiHarness, type ApiHarness } from './testing/api-harness.js';

describe('GET /api/patients/unattributed', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let h: ApiHarness;
  const tokens: Record<'navigator' | 'ops' | 'admin', string> = { navigator: '', ops: '', admin: '' };

  async function seedPatient(mrn: string) {
    await withTransaction(db.pool, async (client) => {
      const patientId = await upsertPatient(client, {
        mrn,
        assigningAuthority: 'GENERAL_HOSP',
        familyName: 'DOE',
        givenName: 'JANE',
        middleName: '',
        birthDate: '1950-01-01',
        sex: 'F',
        phone: '',
        deceased: false,
        identifiers: [],
      });
      await lockEncounter(client, {
        patientId,
        facility: 'GENERAL_HOSP',
        encounterKey: `V-${mrn}`,
        visitNumber: `V-${mrn}`,
      });
    });
  }

  beforeAll(async () => {
    h = await startApiHarness('patients');
    db = h.db;
    app = h.app;
    tokens.navigator = await createUserToken(db.pool, { role: 'navigator', team: 'north', name: 'nav' });
    tokens.ops = await createUserToken(db.pool, { role: 'ops', team: null, name: 'ops' });
    tokens.admin = await createUserToken(db.pool, { role: 'admin', team: null, name: 'admin' });
    for (const mrn of ['M-ON', 'M-OFF1', 'M-OFF2', 'M-OFF3']) await seedPatient(mrn);
  });

  afterAll(async () => {
    await h.close();
  });

  const get = (token: string | null, url = '/api/patients/unattributed') =>
    app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('is for ops and admins only', async () => {
    expect((await get(null)).statusCode).toBe(401);
    expect((await get(tokens.navigator)).statusCode).toBe(403);
    expect((await get(tokens.ops)).statusCode).toBe(200);
    expect((await get(tokens.admin)).statusCode).toBe(200);
  });

  it('is empty while no roster is loaded (everyone is routed)', async () => {
    expect((await get(tokens.ops)).json()).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('lists the patients off the loaded roster, paged newest first, and audits the read', async () => {
    await importRosterEntries(
      db.pool,
      [
        {
          identifier: 'M-ON',
          assigningAuthority: 'GENERAL_HOSP',
          familyName: 'DOE',
          givenName: 'JANE',
          birthDate: null,
          sex: '',
          team: 'north',
          pcp: '',
        },
      ],
      { replace: false },
    );
    const first = await get(tokens.ops, '/api/patients/unattributed?limit=2');
    const body = first.json<{
      items: { mrn: string; encounterCount: number }[];
      nextCursor: string | null;
      total: number;
    }>();
    expect(body.total).toBe(3);
    expect(body.items.map((p) => p.mrn)).toEqual(['M-OFF3', 'M-OFF2']);
    expect(body.items[0]).toMatchObject({ assigningAuthority: 'GENERAL_HOSP', encounterCount: 1 });
    const next = await get(tokens.ops, `/api/patients/unattributed?limit=2&cursor=${body.nextCursor ?? ''}`);
    expect(next.json<{ items: { mrn: string }[]; nextCursor: string | null }>()).toMatchObject({
      items: [{ mrn: 'M-OFF1' }],
      nextCursor: null,
    });
    const audit = await db.pool.query("SELECT 1 FROM audit_log WHERE resource = 'unattributed_patients'");
    expect(audit.rowCount).toBeGreaterThanOrEqual(2);
  });
});
