import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelFollowUp,
  createFollowUp,
  importRosterEntries,
  lockEncounter,
  markPatientDeceased,
  recordOrderedEncounterEvent,
  saveEncounterState,
  storeInboundMessage,
  upsertPatient,
  withTransaction,
} from '@adt/db';
import { addUser, createUserToken, signIn, startApiHarness, type ApiHarness } from './testing/api-harness.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const NOW = Date.now();
const ago = (ms: number) => new Date(NOW - ms);

interface Seed {
  mrn: string;
  patientClass: string;
  hospitalService?: string;
  admittedAt: Date;
  dischargedAt?: Date | null;
  disposition?: string;
  diagnoses?: { code: string; text: string }[];
  events: { type: string; at: Date }[];
  followUp?: { kind: 'discharge' | 'ed_visit'; team: string; cancelledAs?: string };
  deceased?: boolean;
}

interface CensusEntryJson {
  encounterId: string;
  patient: { mrn: string; name: string };
  censusClass: string | null;
  since: string | null;
  reasonForVisit: string | null;
  dischargedAt: string | null;
  destination: string | null;
  noFollowUpReason: string | null;
  team: string | null;
}
interface CensusPage {
  items: CensusEntryJson[];
  nextCursor: string | null;
}
interface CensusJson {
  windowDays: number;
  inHospital?: CensusPage;
  postAcute?: CensusPage;
  noFollowUp?: CensusPage;
}

/** A stay that began with one admit (or registration) event, `sinceMs` ago. */
const admitted = (mrn: string, patientClass: string, sinceMs: number, type = 'A01'): Seed => ({
  mrn,
  patientClass,
  admittedAt: ago(sinceMs),
  events: [{ type, at: ago(sinceMs) }],
});

/** An inpatient stay whose A03 carried its discharge time and disposition. */
const discharged = (mrn: string, admittedMs: number, dischargedMs: number, disposition: string): Seed => ({
  mrn,
  patientClass: 'I',
  admittedAt: ago(admittedMs),
  dischargedAt: ago(dischargedMs),
  disposition,
  events: [{ type: 'A03', at: ago(dischargedMs) }],
});

let messageNumber = 0;

/** Stores a patient and an encounter with its applied events and follow-up, as the worker leaves them. */
async function seedEncounter(h: ApiHarness, seed: Seed): Promise<void> {
  await withTransaction(h.db.pool, async (db) => {
    const patientId = await upsertPatient(db, {
      mrn: seed.mrn,
      assigningAuthority: 'GENERAL_HOSP',
      familyName: `FAMILY-${seed.mrn}`,
      givenName: 'PAT',
      middleName: '',
      birthDate: '1950-01-01',
      sex: 'F',
      phone: '',
      deceased: seed.deceased ?? false,
      identifiers: [],
    });
    if (seed.deceased) await markPatientDeceased(db, patientId, null);
    const encounter = await lockEncounter(db, {
      patientId,
      facility: 'GENERAL_HOSP',
      encounterKey: `V-${seed.mrn}`,
      visitNumber: `V-${seed.mrn}`,
    });
    for (const event of seed.events) {
      messageNumber += 1;
      const stored = await storeInboundMessage(db, {
        raw: Buffer.from(`MSH|^~\\&|EPIC|GENERAL_HOSP|||x||ADT^${event.type}|C${messageNumber}|P|2.5.1`),
        contentHash: Buffer.from(`census-${messageNumber}`),
        peerAddress: '127.0.0.1',
        sendingApplication: 'EPIC',
        sendingFacility: 'GENERAL_HOSP',
        controlId: `C${messageNumber}`,
        messageType: `ADT^${event.type}`,
        versionId: '2.5.1',
        ackCode: 'AA',
      });
      await recordOrderedEncounterEvent(db, {
        messageId: stored.id,
        encounterId: encounter.id,
        eventType: event.type,
        occurredAt: event.at,
        note: null,
      });
    }
    const last = seed.events.at(-1);
    await saveEncounterState(
      db,
      encounter.id,
      {
        visitNumber: `V-${seed.mrn}`,
        patientClass: seed.patientClass,
        assignedLocation: '3EAST^301',
        admissionType: 'U',
        hospitalService: seed.hospitalService ?? 'MED',
        patientType: '',
        admittedAt: seed.admittedAt,
        dischargedAt: seed.dischargedAt ?? null,
        disposition: seed.disposition ?? '',
        diagnoses: (seed.diagnoses ?? []).map((d) => ({ ...d, codingSystem: 'I10' })),
      },
      last ? { type: last.type, at: last.at } : null,
    );
    if (seed.followUp) {
      const id = await createFollowUp(db, {
        encounterId: encounter.id,
        patientId,
        kind: seed.followUp.kind,
        dueAt: new Date(NOW + DAY_MS),
        visitDueBy: null,
        priority: 'normal',
        inEdNow: false,
        team: seed.followUp.team,
      });
      if (id && seed.followUp.cancelledAs) await cancelFollowUp(db, id, seed.followUp.cancelledAs);
    }
  });
}

describe('GET /api/census', () => {
  let h: ApiHarness;
  let admin = '';
  let north = '';
  let south = '';
  let ops = '';

  async function census(token: string, query = ''): Promise<CensusJson> {
    const response = await h.app.inject({
      url: `/api/census${query}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<CensusJson>();
  }

  const mrns = (page: CensusPage | undefined) => (page?.items ?? []).map((e) => e.patient.mrn);
  const entry = (page: CensusPage | undefined, mrn: string) => page?.items.find((e) => e.patient.mrn === mrn);

  beforeAll(async () => {
    h = await startApiHarness('census');
    const pool = h.db.pool;
    admin = await createUserToken(pool, { role: 'admin', team: null, name: 'admin' });
    north = await createUserToken(pool, { role: 'navigator', team: 'north', name: 'nav-north' });
    south = await createUserToken(pool, { role: 'navigator', team: 'south', name: 'nav-south' });
    ops = await createUserToken(pool, { role: 'ops', team: null, name: 'ops' });
    await addUser(h, { username: 'admin', role: 'admin' });
    const rostered = [
      'ADM-IN',
      'ADM-OBS',
      'ED-NOW',
      'SNF',
      'DIED',
      'CANCELLED',
      'CLINIC',
      'HOME',
      'OLD-SNF',
      'LONG-STAY',
      'OLD-CLINIC',
    ];
    await withTransaction(pool, (db) =>
      importRosterEntries(
        db,
        [...rostered.map((mrn) => ({ mrn, team: 'north' })), { mrn: 'SOUTH-IN', team: 'south' }].map(
          ({ mrn, team }) => ({
            identifier: mrn,
            assigningAuthority: 'GENERAL_HOSP',
            familyName: '',
            givenName: '',
            birthDate: null,
            sex: '',
            team,
            pcp: '',
          }),
        ),
        { replace: false },
      ),
    );
    const seeds: Seed[] = [
      {
        ...admitted('ADM-IN', 'I', 2 * DAY_MS),
        diagnoses: [{ code: 'J18.9', text: 'Pneumonia, unspecified organism' }],
      },
      { ...admitted('ADM-OBS', 'O', 5 * HOUR_MS), hospitalService: 'OBS' },
      {
        ...admitted('ED-NOW', 'E', 2 * HOUR_MS, 'A04'),
        diagnoses: [{ code: 'R07.9', text: '' }],
        followUp: { kind: 'ed_visit', team: 'north' },
      },
      {
        ...discharged('SNF', 8 * DAY_MS, 3 * DAY_MS, '03'),
        events: [
          { type: 'A01', at: ago(8 * DAY_MS) },
          { type: 'A03', at: ago(3 * DAY_MS) },
        ],
      },
      discharged('OLD-SNF', 50 * DAY_MS, 40 * DAY_MS, '62'),
      { ...discharged('DIED', 4 * DAY_MS, 1 * DAY_MS, '20'), deceased: true },
      {
        ...admitted('CANCELLED', 'I', 3 * DAY_MS),
        events: [
          { type: 'A01', at: ago(3 * DAY_MS) },
          { type: 'A11', at: ago(3 * DAY_MS - HOUR_MS) },
        ],
      },
      { ...admitted('CLINIC', 'O', 1 * DAY_MS, 'A04'), hospitalService: 'CLN' },
      { ...discharged('HOME', 4 * DAY_MS, 1 * DAY_MS, '01'), followUp: { kind: 'discharge', team: 'north' } },
      // A long stay stays on the census; an old clinic registration without a discharge does not.
      admitted('LONG-STAY', 'I', 60 * DAY_MS),
      { ...admitted('OLD-CLINIC', 'O', 45 * DAY_MS, 'A04'), hospitalService: 'CLN' },
      // An A03 without PV1-45, then an A08: the stay has ended although no discharge time is stored.
      {
        ...admitted('A03-NO-PV1-45', 'I', 5 * DAY_MS),
        disposition: '01',
        events: [
          { type: 'A01', at: ago(5 * DAY_MS) },
          { type: 'A03', at: ago(2 * DAY_MS) },
          { type: 'A08', at: ago(1 * DAY_MS) },
        ],
        followUp: { kind: 'discharge', team: 'north' },
      },
      admitted('SOUTH-IN', 'I', 1 * DAY_MS),
      discharged('OFF-ROSTER', 3 * DAY_MS, 1 * DAY_MS, '01'),
    ];
    for (const seed of seeds) await seedEncounter(h, seed);
  });

  afterAll(async () => {
    await h.close();
  });

  it('lists who is in hospital now, with class, since and the reason for the visit', async () => {
    const body = await census(admin);
    expect(body.windowDays).toBe(30);
    expect(mrns(body.inHospital)).toEqual(['ED-NOW', 'ADM-OBS', 'SOUTH-IN', 'ADM-IN', 'LONG-STAY']);
    expect(entry(body.inHospital, 'ADM-IN')).toMatchObject({
      censusClass: 'inpatient',
      since: ago(2 * DAY_MS).toISOString(),
      reasonForVisit: 'Pneumonia, unspecified organism',
      dischargedAt: null,
      team: 'north',
    });
    expect(entry(body.inHospital, 'ADM-OBS')?.censusClass).toBe('observation');
    expect(entry(body.inHospital, 'ED-NOW')).toMatchObject({
      censusClass: 'emergency',
      reasonForVisit: 'R07.9',
    });
  });

  it('lists discharges to post-acute care in the last 30 days', async () => {
    const body = await census(admin);
    expect(mrns(body.postAcute)).toEqual(['SNF']);
    expect(entry(body.postAcute, 'SNF')).toMatchObject({
      destination: 'a skilled nursing facility',
      dischargedAt: ago(3 * DAY_MS).toISOString(),
      noFollowUpReason: 'post_acute',
    });
  });

  it('says why each recent encounter produced no follow-up', async () => {
    const body = await census(admin);
    const reasons = Object.fromEntries(
      (body.noFollowUp?.items ?? []).map((e) => [e.patient.mrn, e.noFollowUpReason]),
    );
    expect(reasons).toEqual({
      'ADM-IN': 'in_hospital',
      'ADM-OBS': 'in_hospital',
      'SOUTH-IN': 'in_hospital',
      SNF: 'post_acute',
      DIED: 'expired',
      CANCELLED: 'cancelled',
      CLINIC: 'not_eligible_class',
      'OFF-ROSTER': 'not_attributed',
    });
    // Off the roster: no team follows the patient.
    expect(entry(body.noFollowUp, 'OFF-ROSTER')?.team).toBeNull();
  });

  it("shows a navigator their own team's patients only", async () => {
    const body = await census(north);
    const all = [
      ...(body.inHospital?.items ?? []),
      ...(body.postAcute?.items ?? []),
      ...(body.noFollowUp?.items ?? []),
    ];
    expect(new Set(all.map((e) => e.team))).toEqual(new Set(['north']));
    expect(mrns(body.inHospital)).toEqual(['ED-NOW', 'ADM-OBS', 'ADM-IN', 'LONG-STAY']);
    expect(mrns(body.noFollowUp)).not.toContain('OFF-ROSTER');
    const other = await census(south);
    expect(mrns(other.inHospital)).toEqual(['SOUTH-IN']);
    expect(other.postAcute?.items).toEqual([]);
    // An admin may narrow to one team.
    expect(mrns((await census(admin, '?team=south')).inHospital)).toEqual(['SOUTH-IN']);
  });

  it('audits the read with the encounters shown', async () => {
    await census(north, '?section=in_hospital');
    const audit = await h.db.pool.query<{
      actor: string;
      detail: { encounterIds: string[]; section: string };
    }>(
      "SELECT actor, detail FROM audit_log WHERE resource = 'census' AND action = 'list' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0]?.actor).toMatch(/^navigator:nav-north#/);
    expect(audit.rows[0]?.detail.section).toBe('in_hospital');
    expect(audit.rows[0]?.detail.encounterIds).toHaveLength(4);
  });

  it('pages one section with its cursor', async () => {
    const first = await census(admin, '?section=no_follow_up&limit=3');
    expect(first.inHospital).toBeUndefined();
    expect(first.noFollowUp?.items).toHaveLength(3);
    const seen = mrns(first.noFollowUp);
    let cursor = first.noFollowUp?.nextCursor ?? null;
    while (cursor !== null) {
      const next = await census(admin, `?section=no_follow_up&limit=3&cursor=${cursor}`);
      seen.push(...mrns(next.noFollowUp));
      cursor = next.noFollowUp?.nextCursor ?? null;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    const noSection = await h.app.inject({
      url: `/api/census?cursor=${first.noFollowUp?.nextCursor ?? ''}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(noSection.statusCode).toBe(400);
  });

  it('answers 401 without credentials, 403 to ops and to another team, 404 for an unknown team', async () => {
    const get = (token: string | null, query = '') =>
      h.app.inject({
        url: `/api/census${query}`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await get(null)).statusCode).toBe(401);
    expect((await get(ops)).statusCode).toBe(403);
    const other = await get(north, '?team=south');
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: 'other_team' });
    const unknown = await get(admin, '?team=nowhere');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'unknown_team' });
  });

  it('serves the census page to people signed in, under the pages’ content policy', async () => {
    const anonymous = await h.app.inject({ url: '/census?team=north' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Fcensus%3Fteam%3Dnorth');
    const session = await signIn(h.app, 'admin');
    const page = await h.app.inject({ url: '/census', headers: { cookie: session.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<title>Census · Follow-up inbox</title>');
    expect(page.body).toContain('src="/assets/js/census.js"');
    const script = await h.app.inject({ url: '/assets/js/census.js' });
    expect(script.statusCode).toBe(200);
  });
});
