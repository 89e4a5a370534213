/**
 * The facility settings API and page, the interface sheet, and the sandbox: admins manage the
 * settings, ops read the sandbox, navigators see neither, and a sandbox follow-up is on no
 * navigator-facing list.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFollowUp,
  lockEncounter,
  recordOrderedEncounterEvent,
  saveEncounterState,
  storeInboundMessage,
  upsertPatient,
  withTransaction,
} from '@adt/db';
import {
  createUserToken,
  seedFollowUp,
  signIn,
  addUser,
  startApiHarness,
  type ApiHarness,
} from './testing/api-harness.js';

const DAY_MS = 24 * 3_600_000;

describe('facility settings and the sandbox', () => {
  let h: ApiHarness;
  let admin = '';
  let ops = '';
  let navigator = '';
  let sandboxFollowUpId = '';
  let liveFollowUpId = '';

  const call = (token: string, url: string, method: 'GET' | 'PUT' = 'GET', payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  beforeAll(async () => {
    h = await startApiHarness('facility_routes', { MLLP_PROCESSING_IDS: 'P,T' });
    const pool = h.db.pool;
    admin = await createUserToken(pool, { role: 'admin', team: null, name: 'admin' });
    ops = await createUserToken(pool, { role: 'ops', team: null, name: 'ops' });
    navigator = await createUserToken(pool, { role: 'navigator', team: 'north', name: 'nav' });
    liveFollowUpId = await seedFollowUp(h.db, {
      mrn: 'LIVE1',
      team: 'north',
      dueAt: new Date(Date.now() + DAY_MS),
    });
    // What the worker leaves for a test feed's inpatient discharge.
    const text = 'MSH|^~\\&|EPIC|GENERAL_HOSP|FOLLOWUP|PRACTICE|20261118150000||ADT^A03|SBX-1|T|2.5.1';
    sandboxFollowUpId = await withTransaction(pool, async (db) => {
      const stored = await storeInboundMessage(db, {
        raw: Buffer.from(text),
        contentHash: createHash('sha256').update(text).digest(),
        peerAddress: null,
        sendingApplication: 'EPIC',
        sendingFacility: 'GENERAL_HOSP',
        controlId: 'SBX-1',
        messageType: 'ADT^A03',
        versionId: '2.5.1',
        ackCode: 'AA',
        sandbox: true,
      });
      if (stored.outcome !== 'stored') throw new Error('not stored');
      const patientId = await upsertPatient(db, {
        mrn: 'LIVE1',
        assigningAuthority: 'sandbox:GENERAL_HOSP',
        familyName: 'TEST',
        givenName: 'PAT',
        middleName: '',
        birthDate: '1950-01-01',
        sex: 'F',
        phone: '',
        deceased: false,
        identifiers: [],
      });
      const encounter = await lockEncounter(db, {
        patientId,
        facility: 'GENERAL_HOSP',
        encounterKey: 'sandbox:V-LIVE1',
        visitNumber: 'sandbox:V-LIVE1',
      });
      const dischargedAt = new Date(Date.now() - 3_600_000);
      await saveEncounterState(
        db,
        encounter.id,
        {
          patientClass: 'I',
          assignedLocation: '',
          admissionType: '',
          hospitalService: '',
          patientType: '',
          admittedAt: new Date(Date.now() - 3 * DAY_MS),
          dischargedAt,
          disposition: '01',
          diagnoses: [],
          visitNumber: 'sandbox:V-LIVE1',
        },
        { type: 'A03', at: dischargedAt },
      );
      await recordOrderedEncounterEvent(db, {
        messageId: stored.id,
        encounterId: encounter.id,
        eventType: 'A03',
        occurredAt: dischargedAt,
        note: null,
      });
      // A test patient still in hospital: the census would list it.
      const stay = await lockEncounter(db, {
        patientId,
        facility: 'GENERAL_HOSP',
        encounterKey: 'sandbox:V-STAY',
        visitNumber: 'sandbox:V-STAY',
      });
      await saveEncounterState(
        db,
        stay.id,
        {
          patientClass: 'I',
          assignedLocation: '4W^401',
          admissionType: '',
          hospitalService: '',
          patientType: '',
          admittedAt: new Date(Date.now() - DAY_MS),
          dischargedAt: null,
          disposition: '',
          diagnoses: [],
          visitNumber: 'sandbox:V-STAY',
        },
        { type: 'A01', at: new Date(Date.now() - DAY_MS) },
      );
      const id = await createFollowUp(db, {
        encounterId: encounter.id,
        patientId,
        kind: 'discharge',
        dueAt: new Date(Date.now() - DAY_MS),
        visitDueBy: null,
        priority: 'normal',
        inEdNow: false,
        team: 'north',
      });
      if (id === null) throw new Error('follow-up not created');
      return id;
    });
  });

  afterAll(async () => {
    await h.close();
  });

  it('lets an admin set a facility, refuses bad settings with 400 and other roles with 403', async () => {
    const saved = await call(admin, '/api/facilities/LAKESIDE', 'PUT', {
      displayName: 'Lakeside Medical Center',
      timeZone: 'America/Chicago',
      processingIds: ['P', 'T'],
      certificateFingerprint: Array.from({ length: 32 }, () => 'AB').join(':'),
      mode: 'test',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      code: 'LAKESIDE',
      displayName: 'Lakeside Medical Center',
      timeZone: 'America/Chicago',
      processingIds: ['P', 'T'],
      certificateFingerprint: 'ab'.repeat(32),
      certificateSubject: null,
      mode: 'test',
    });
    const cleared = await call(admin, '/api/facilities/LAKESIDE', 'PUT', { timeZone: null, mode: 'live' });
    expect(cleared.json()).toMatchObject({ timeZone: null, mode: 'live', processingIds: ['P', 'T'] });
    const list = await call(admin, '/api/facilities');
    expect(list.json<{ items: { code: string }[] }>().items.map((f) => f.code)).toEqual(['LAKESIDE']);

    for (const bad of [
      { timeZone: 'Mars/Olympus' },
      { processingIds: ['X'] },
      { processingIds: [] },
      { certificateFingerprint: 'abc' },
      { mode: 'paused' },
      { unknown: true },
      { displayName: '   ' },
    ]) {
      const refused = await call(admin, '/api/facilities/LAKESIDE', 'PUT', bad);
      expect(refused.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await call(ops, '/api/facilities')).statusCode).toBe(403);
    expect((await call(navigator, '/api/facilities/LAKESIDE', 'PUT', { mode: 'test' })).statusCode).toBe(403);
    const audit = await h.db.pool.query<{ detail: { changed: string[] } }>(
      "SELECT detail FROM audit_log WHERE resource = 'facility' ORDER BY id",
    );
    expect(audit.rows.map((r) => r.detail.changed)).toEqual([
      ['displayName', 'timeZone', 'processingIds', 'certificateFingerprint', 'mode'],
      ['timeZone', 'mode'],
    ]);
  });

  it('serves the interface sheet of a facility, with or without settings', async () => {
    const sheet = await call(admin, '/api/facilities/LAKESIDE/interface-spec');
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toMatch(/^text\/markdown/);
    expect(sheet.body).toContain('# ADT interface specification: Lakeside Medical Center (LAKESIDE)');
    expect(sheet.body).toContain('| Accepted processing ids (MSH-11) | P, T |');
    const unknown = await call(admin, '/api/facilities/NEW_HOSP/interface-spec');
    expect(unknown.body).toContain('| Accepted processing ids (MSH-11) | P, T (installation default) |');
    expect((await call(navigator, '/api/facilities/LAKESIDE/interface-spec')).statusCode).toBe(403);
  });

  it('lists sandbox messages with their follow-ups for ops, and audits the read', async () => {
    const response = await call(ops, '/api/ops/sandbox');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      items: [
        {
          controlId: 'SBX-1',
          sendingFacility: 'GENERAL_HOSP',
          visitNumber: 'V-LIVE1',
          followUps: [{ id: sandboxFollowUpId, kind: 'discharge', status: 'open', team: 'north' }],
        },
      ],
      nextCursor: null,
    });
    expect((await call(navigator, '/api/ops/sandbox')).statusCode).toBe(403);
    const audited = await h.db.pool.query("SELECT 1 FROM audit_log WHERE resource = 'sandbox'");
    expect(audited.rowCount).toBe(1);
    const message = (await call(ops, '/api/messages?controlId=SBX-1')).json<{
      items: { sandbox: boolean }[];
    }>();
    expect(message.items).toMatchObject([{ sandbox: true }]);
  });

  it('keeps the sandbox follow-up off every navigator-facing list', async () => {
    for (const token of [navigator, admin]) {
      const worklist = (await call(token, '/api/worklist')).json<{ items: { id: string }[] }>();
      expect(worklist.items.map((f) => f.id)).toEqual([liveFollowUpId]);
      const search = (await call(token, '/api/follow-ups?mrn=LIVE1')).json<{ items: { id: string }[] }>();
      expect(search.items.map((f) => f.id)).toEqual([liveFollowUpId]);
      expect((await call(token, `/api/follow-ups/${sandboxFollowUpId}`)).statusCode).toBe(404);
      type Section = { items: { patient: { mrn: string } }[] } | undefined;
      const census = (await call(token, '/api/census?team=north')).json<{
        inHospital?: Section;
        postAcute?: Section;
        noFollowUp?: Section;
      }>();
      const listed = [census.inHospital, census.postAcute, census.noFollowUp].flatMap((s) => s?.items ?? []);
      expect(listed).toEqual([]);
    }
  });

  it('shows the facilities and sandbox pages to their roles', async () => {
    await addUser(h, { username: 'page-admin', role: 'admin' });
    await addUser(h, { username: 'page-ops', role: 'ops' });
    const adminSession = await signIn(h.app, 'page-admin');
    const opsSession = await signIn(h.app, 'page-ops');
    const page = (url: string, cookie: string) => h.app.inject({ url, headers: { cookie } });
    expect((await page('/facilities', adminSession.cookie)).statusCode).toBe(200);
    expect((await page('/facilities', opsSession.cookie)).statusCode).toBe(403);
    expect((await page('/ops/sandbox', opsSession.cookie)).statusCode).toBe(200);
  });
});
