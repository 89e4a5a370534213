/**
 * Escalation of overdue work to the team lead: the sweep opens one escalation per follow-up once
 * the threshold has passed (time passed in, no waiting), the lead sees the team view and
 * acknowledges, a hand-off or a close answers an escalation, and the alert announces counts only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelFollowUp, createAlertStateStore, readStoreSnapshot, setTeamLead } from '@adt/db';
import { startAlertEvaluator, type AlertNotice } from '@adt/alerting';
import { createMetricsRegistry } from '@adt/observability';
import { createLogger } from '@adt/logging';
import { escalateOverdueFollowUps, type EscalationSettings } from './escalate-overdue.js';
import {
  addUser,
  seedFollowUp,
  signIn,
  startApiHarness,
  type ApiHarness,
  type BrowserSession,
} from './testing/api-harness.js';

const MINUTE_MS = 60_000;
const PATIENT_FAMILY_NAME = 'ZEBULONSKI';

interface EscalationJson {
  id: string;
  followUpId: string;
  resolution: string | null;
  acknowledgedBy: string | null;
}
interface OverviewJson {
  team: string;
  navigators: {
    username: string | null;
    lead: boolean;
    openClaimed: number;
    overdue: number;
    closedToday: number;
  }[];
  unclaimed: { open: number; overdue: number };
  escalations: { items: { id: string; followUpId: string; patientName: string; ageMinutes: number }[] };
}

describe('escalations to the team lead', () => {
  let h: ApiHarness;
  let settings: EscalationSettings;
  let lead: BrowserSession;
  let jo: BrowserSession;
  let admin: BrowserSession;
  let ops: BrowserSession;
  let seq = 0;

  beforeAll(async () => {
    h = await startApiHarness('escalate', { ESCALATE_OVERDUE_AFTER_MINUTES: '240' });
    settings = {
      afterMinutes: h.config.practice.escalateOverdueAfterMinutes,
      observationCodes: h.config.practice.observationCodes,
    };
    await addUser(h, { username: 'mlead', role: 'navigator', teams: ['north'], displayName: 'Mo Lead, RN' });
    await addUser(h, {
      username: 'jrivera',
      role: 'navigator',
      teams: ['north'],
      displayName: 'Jo Rivera, RN',
    });
    await addUser(h, {
      username: 'sortiz',
      role: 'navigator',
      teams: ['north'],
      displayName: 'Sam Ortiz, RN',
    });
    await addUser(h, { username: 'root', role: 'admin' });
    await addUser(h, { username: 'opsy', role: 'ops' });
    await setTeamLead(h.db.pool, { team: 'north', username: 'mlead', lead: true });
    lead = await signIn(h.app, 'mlead');
    jo = await signIn(h.app, 'jrivera');
    admin = await signIn(h.app, 'root');
    ops = await signIn(h.app, 'opsy');
  });

  afterAll(async () => {
    await h.close();
  });

  const overdueBy = (minutes: number) =>
    seedFollowUp(h.db, {
      mrn: `M-ESC-${++seq}`,
      team: 'north',
      dueAt: new Date(Date.now() - minutes * MINUTE_MS),
      familyName: PATIENT_FAMILY_NAME,
    });
  const openEscalationsOf = async (followUpId: string) =>
    (
      await h.db.pool.query<{ id: string; resolution: string | null }>(
        'SELECT id::text, resolution FROM escalations WHERE follow_up_id = $1 ORDER BY id',
        [followUpId],
      )
    ).rows;
  const post = (session: BrowserSession, url: string, payload?: object) =>
    h.app.inject({
      method: 'POST',
      url,
      ...(payload ? { payload } : {}),
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
  const overview = (session: BrowserSession, team = 'north') =>
    h.app.inject({ url: `/api/teams/${team}/overview`, headers: { cookie: session.cookie } });

  it('escalates once, only after the threshold, however many processes sweep', async () => {
    const late = await overdueBy(300);
    const recent = await overdueBy(60);
    const now = new Date();
    const rounds = await Promise.all([
      escalateOverdueFollowUps(h.db.pool, settings, now),
      escalateOverdueFollowUps(h.db.pool, settings, now),
      escalateOverdueFollowUps(h.db.pool, settings, now),
    ]);
    expect(rounds.flatMap((r) => r.opened.map((e) => e.followUpId))).toEqual([late]);
    expect(await openEscalationsOf(late)).toHaveLength(1);
    expect(await openEscalationsOf(recent)).toEqual([]);
    // Nothing more on the next round; the recent one escalates once its own threshold has passed.
    expect((await escalateOverdueFollowUps(h.db.pool, settings, now)).opened).toEqual([]);
    const later = new Date(now.getTime() + 181 * MINUTE_MS);
    const next = await escalateOverdueFollowUps(h.db.pool, settings, later);
    expect(next.opened.map((e) => e.followUpId)).toEqual([recent]);
  });

  it('shows the lead the team view, audited, and refuses plain navigators and ops', async () => {
    const response = await overview(lead);
    expect(response.statusCode).toBe(200);
    const body = response.json<OverviewJson>();
    expect(body.team).toBe('north');
    expect(body.escalations.items.length).toBeGreaterThanOrEqual(2);
    expect(body.escalations.items[0]?.patientName).toBe(`${PATIENT_FAMILY_NAME}, JANE`);
    expect(body.unclaimed.open).toBeGreaterThanOrEqual(2);
    expect(body.unclaimed.overdue).toBeGreaterThanOrEqual(2);
    expect(body.navigators.map((n) => [n.username, n.lead])).toEqual(
      expect.arrayContaining([
        ['mlead', true],
        ['jrivera', false],
      ]),
    );
    const audit = await h.db.pool.query<{ detail: { team: string; followUpIds: string[] } }>(
      `SELECT detail FROM audit_log WHERE resource = 'team_overview' AND actor = 'user:mlead'`,
    );
    expect(audit.rows[0]?.detail.followUpIds).toEqual(body.escalations.items.map((e) => e.followUpId));

    expect((await overview(admin)).statusCode).toBe(200);
    const refused = await overview(jo);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: string }>().error).toBe('not_team_lead');
    expect((await overview(ops)).statusCode).toBe(403);
    expect((await overview(admin, 'nowhere')).statusCode).toBe(404);

    const session = await h.app.inject({ url: '/api/session', headers: { cookie: lead.cookie } });
    expect(session.json<{ user: { leads: string[] } }>().user.leads).toEqual(['north']);
  });

  it('lets the lead acknowledge (once), refuses a plain navigator, and never escalates it again', async () => {
    const id = await overdueBy(500);
    const [opened] = (await escalateOverdueFollowUps(h.db.pool, settings, new Date())).opened;
    if (opened?.followUpId !== id) throw new Error('not escalated');
    const refused = await post(jo, `/api/escalations/${opened.id}/acknowledge`);
    expect(refused.statusCode).toBe(403);
    const acknowledged = await post(lead, `/api/escalations/${opened.id}/acknowledge`);
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json<EscalationJson>()).toMatchObject({
      followUpId: id,
      resolution: 'acknowledged',
      acknowledgedBy: 'user:mlead',
    });
    expect((await post(lead, `/api/escalations/${opened.id}/acknowledge`)).statusCode).toBe(409);
    expect((await post(lead, '/api/escalations/999999/acknowledge')).statusCode).toBe(404);
    expect((await post(lead, '/api/escalations/abc/acknowledge')).statusCode).toBe(400);
    const dayLater = new Date(Date.now() + 24 * 60 * MINUTE_MS);
    await escalateOverdueFollowUps(h.db.pool, settings, dayLater);
    expect(await openEscalationsOf(id)).toEqual([{ id: opened.id, resolution: 'acknowledged' }]);
  });

  it('resolves an escalation as reassigned on a hand-off and as closed on a close', async () => {
    const handed = await overdueBy(400);
    const closed = await overdueBy(400);
    await escalateOverdueFollowUps(h.db.pool, settings, new Date());
    expect((await post(jo, `/api/follow-ups/${handed}/actions`, { type: 'claim' })).statusCode).toBe(201);
    const handOff = await post(jo, `/api/follow-ups/${handed}/actions`, { type: 'hand_off', to: 'sortiz' });
    expect(handOff.statusCode).toBe(201);
    expect((await openEscalationsOf(handed)).map((e) => e.resolution)).toEqual(['reassigned']);
    const close = await post(jo, `/api/follow-ups/${closed}/actions`, { type: 'close', outcome: 'reached' });
    expect(close.statusCode).toBe(201);
    expect((await openEscalationsOf(closed)).map((e) => e.resolution)).toEqual(['closed']);

    const body = (await overview(lead)).json<OverviewJson>();
    const ids = body.escalations.items.map((e) => e.followUpId);
    expect(ids).not.toContain(handed);
    expect(ids).not.toContain(closed);
    const sam = body.navigators.find((n) => n.username === 'sortiz');
    expect(sam).toMatchObject({ openClaimed: 1, overdue: 1 });
    expect(body.navigators.find((n) => n.username === 'jrivera')?.closedToday).toBe(1);
  });

  it('ends the escalation of work cancelled by processing (a readmission, a cancelled visit) as closed', async () => {
    const id = await overdueBy(600);
    await escalateOverdueFollowUps(h.db.pool, settings, new Date());
    expect((await openEscalationsOf(id)).map((e) => e.resolution)).toEqual([null]);
    await cancelFollowUp(h.db.pool, id, 'readmitted');
    const round = await escalateOverdueFollowUps(h.db.pool, settings, new Date());
    expect(round.closed).toBe(1);
    expect((await openEscalationsOf(id)).map((e) => e.resolution)).toEqual(['closed']);
  });

  it('announces open escalations per team with counts and a link, never a patient', async () => {
    const notices: AlertNotice[] = [];
    const evaluator = startAlertEvaluator({
      readStore: () => readStoreSnapshot(h.db.pool, 15 * MINUTE_MS),
      redisReachable: () => Promise.resolve(true),
      state: createAlertStateStore(h.db.pool),
      notifiers: [{ name: 'capture', send: (notice) => Promise.resolve(void notices.push(notice)) }],
      thresholds: h.config.alerts,
      intervalMs: 3_600_000,
      log: createLogger({ service: 'escalate-test', level: 'silent' }),
      registry: createMetricsRegistry('escalate-alerts-test'),
    });
    try {
      await evaluator.runOnce();
    } finally {
      await evaluator.stop();
    }
    const escalated = notices.filter((n) => n.alert === 'follow_ups_escalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ firing: true, labels: { team: 'north' } });
    expect(escalated[0]?.summary).toMatch(
      /^Team north: \d+ overdue follow-ups escalated to the team lead, the oldest \d+ minutes? ago; acknowledge or reassign at \/team\?team=north$/,
    );
    const sent = JSON.stringify(escalated);
    expect(sent).not.toContain(PATIENT_FAMILY_NAME);
    expect(sent).not.toContain('M-ESC-');
  });
});
