import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import {
  claimAlertNotifications,
  deferAlertNotification,
  listAlertStates,
  markAlertNotified,
  recordAlertObservations,
  retireUnobservedAlerts,
  type AlertObservation,
} from './alert-state-repository.js';
import { createFollowUp } from './follow-up-repository.js';
import {
  countProcessingOutcomes,
  findProcessingBacklog,
  listFacilityFeeds,
  listFacilityLastMessages,
  readStoreSnapshot,
} from './feed-status-queries.js';
import { findMessageById, findMessageTrace, storeRejectedMessage } from './message-repository.js';
import { migrateDatabase } from './migrate.js';
import { createPool, withTransaction } from './pool.js';
import { pruneRawMessages } from './retention-repository.js';
import { seedEncounter, storeTestMessage } from './testing/test-records.js';

let sequence = 0;

async function store(
  db: TestDatabase,
  opts: { facility?: string; daysAgo?: number; status?: string; correlationId?: string } = {},
): Promise<string> {
  sequence += 1;
  const id = await storeTestMessage(db.pool, `OPS${String(sequence)}`, {
    sendingFacility: opts.facility ?? 'GH',
    ...(opts.correlationId ? { correlationId: opts.correlationId } : {}),
  });
  await db.pool.query(
    `UPDATE inbound_messages SET received_at = now() - make_interval(days => $2),
            status = $3, processed_at = CASE WHEN $3 = 'processed' THEN now() END WHERE id = $1`,
    [id, opts.daysAgo ?? 0, opts.status ?? 'processed'],
  );
  return id;
}

describe('retention: pruning raw HL7 kept outside the monthly partitions', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'retention');
  });
  afterAll(async () => {
    await db.drop();
  });

  /** An encounter with one applied message and, optionally, a follow-up in a given status. */
  async function encounterWith(
    messageId: string,
    opts: { followUp?: 'open' | 'in_progress' | 'done' | 'cancelled'; lastActivityDaysAgo: number },
  ): Promise<{ encounterId: string; followUpId: string | null }> {
    return withTransaction(db.pool, async (client) => {
      sequence += 1;
      const { patientId, encounterId } = await seedEncounter(client, {
        mrn: `R${String(sequence)}`,
        visitNumber: `V${String(sequence)}`,
        messageIds: [messageId],
      });
      await client.query(
        'UPDATE encounters SET updated_at = now() - make_interval(days => $2) WHERE id = $1',
        [encounterId, opts.lastActivityDaysAgo],
      );
      let followUpId: string | null = null;
      if (opts.followUp) {
        followUpId = await createFollowUp(client, {
          encounterId,
          patientId,
          kind: 'discharge',
          dueAt: new Date(),
          visitDueBy: null,
          priority: 'normal',
          inEdNow: false,
          team: 'default',
        });
        await client.query('UPDATE follow_ups SET status = $2 WHERE id = $1', [followUpId, opts.followUp]);
      }
      return { encounterId, followUpId };
    });
  }

  async function rawState(): Promise<Map<string, { raw: boolean }>> {
    const result = await db.pool.query<{ id: string }>('SELECT id FROM inbound_messages');
    const state = new Map<string, { raw: boolean }>();
    for (const { id } of result.rows)
      state.set(id, { raw: ((await findMessageById(db.pool, id))?.raw ?? null) !== null });
    return state;
  }

  it('prunes only old, finished messages outside open follow-ups and active encounters', async () => {
    const noEncounter = await store(db, { daysAgo: 100 });
    const openFollowUp = await store(db, { daysAgo: 100 });
    const inProgressFollowUp = await store(db, { daysAgo: 100 });
    const doneFollowUp = await store(db, { daysAgo: 100 });
    const activeEncounter = await store(db, { daysAgo: 100 });
    const waiting = await store(db, { daysAgo: 100, status: 'received' });
    const failed = await store(db, { daysAgo: 100, status: 'failed' });
    const recent = await store(db, { daysAgo: 10 });
    const rejected = await storeRejectedMessage(db.pool, {
      raw: Buffer.from('not hl7'),
      contentHash: Buffer.from('x'),
      ackCode: 'AR',
      reason: 'not HL7',
    });
    await db.pool.query(
      `UPDATE inbound_messages SET received_at = now() - interval '100 days' WHERE id = $1`,
      [rejected],
    );
    const open = await encounterWith(openFollowUp, { followUp: 'open', lastActivityDaysAgo: 100 });
    await encounterWith(inProgressFollowUp, { followUp: 'in_progress', lastActivityDaysAgo: 100 });
    await encounterWith(doneFollowUp, { followUp: 'done', lastActivityDaysAgo: 100 });
    await encounterWith(activeEncounter, { lastActivityDaysAgo: 5 });

    // Small batches: the job loops until a batch comes back short.
    let pruned = 0;
    for (;;) {
      const batch = await pruneRawMessages(db.pool, { retentionDays: 90, batchSize: 2 });
      pruned += batch;
      if (batch < 2) break;
    }
    expect(pruned).toBe(3);
    const state = await rawState();
    for (const id of [noEncounter, doneFollowUp, rejected]) {
      expect(state.get(id), `message ${id}`).toEqual({ raw: false });
    }
    for (const id of [openFollowUp, inProgressFollowUp, activeEncounter, waiting, failed, recent]) {
      expect(state.get(id), `message ${id}`).toEqual({ raw: true });
    }
    // The rows themselves stay: the record of what was received and answered.
    const rows = await db.pool.query('SELECT 1 FROM inbound_messages');
    expect(rows.rowCount).toBe(state.size);
    expect(await pruneRawMessages(db.pool, { retentionDays: 90, batchSize: 100 })).toBe(0);

    // Once the navigator closes the follow-up, its source message may go too.
    await db.pool.query(`UPDATE follow_ups SET status = 'done' WHERE id = $1`, [open.followUpId]);
    expect(await pruneRawMessages(db.pool, { retentionDays: 90, batchSize: 100 })).toBe(1);
    expect((await rawState()).get(openFollowUp)).toEqual({ raw: false });
    // A longer retention leaves the 10-day-old message alone; a shorter one takes it.
    expect(await pruneRawMessages(db.pool, { retentionDays: 11, batchSize: 100 })).toBe(0);
    expect(await pruneRawMessages(db.pool, { retentionDays: 9, batchSize: 100 })).toBe(1);
  });
});

describe('feed status and processing queries', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'feeds');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('keeps the correlation id the listener gives a message, or makes one', async () => {
    const given = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
    const withId = await store(db, { facility: 'TRACE', correlationId: given });
    expect((await findMessageTrace(db.pool, withId))?.correlationId).toBe(given);
    const without = await store(db, { facility: 'TRACE' });
    expect((await findMessageTrace(db.pool, without))?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    await db.pool.query(`DELETE FROM inbound_messages WHERE sending_facility = 'TRACE'`);
  });

  it('lists each facility with its newest message, today, last hour and rejects', async () => {
    await store(db, { facility: 'NORTH', daysAgo: 0 });
    await store(db, { facility: 'NORTH', daysAgo: 0 });
    const stale = await store(db, { facility: 'SOUTH', daysAgo: 2 });
    await store(db, { facility: 'GONE', daysAgo: 30 });
    await storeRejectedMessage(db.pool, {
      raw: Buffer.from('x'),
      contentHash: Buffer.from('y'),
      sendingFacility: 'NORTH',
      ackCode: 'AE',
      reason: 'no PID-3',
    });

    const last = await listFacilityLastMessages(db.pool, 7);
    expect(last.map((f) => f.facility)).toEqual(['NORTH', 'SOUTH']);
    const south = last.find((f) => f.facility === 'SOUTH');
    const staleRow = await db.pool.query<{ received_at: Date }>(
      'SELECT received_at FROM inbound_messages WHERE id = $1',
      [stale],
    );
    expect(south?.lastReceivedAt.toISOString()).toBe(staleRow.rows[0]?.received_at.toISOString());

    const feeds = await listFacilityFeeds(db.pool, { timeZone: 'UTC', lookbackDays: 7 });
    expect(feeds).toEqual([
      expect.objectContaining({
        facility: 'NORTH',
        messagesToday: 3,
        messagesLastHour: 3,
        rejectedToday: 1,
        ackCodesToday: { AA: 2, AE: 1 },
      }),
      expect.objectContaining({
        facility: 'SOUTH',
        messagesToday: 0,
        messagesLastHour: 0,
        ackCodesToday: {},
      }),
    ]);
  });

  it('makes no feed of refused messages, whatever facility they name', async () => {
    const refusedFrom = (facility: string) =>
      storeRejectedMessage(db.pool, {
        raw: Buffer.from(facility),
        contentHash: Buffer.from(facility),
        sendingFacility: facility,
        ackCode: 'AR',
        reason: 'Sending facility not allowed',
      });
    for (let i = 0; i < 300; i += 1) await refusedFrom(`INVENTED_${i}`);
    // A known feed's newest message refused: its last accepted one is what shows.
    const accepted = await store(db, { facility: 'EAST' });
    await db.pool.query(
      `UPDATE inbound_messages SET received_at = now() - interval '2 hours' WHERE id = $1`,
      [accepted],
    );
    await refusedFrom('EAST');

    const feeds = (await listFacilityFeeds(db.pool, { timeZone: 'UTC', lookbackDays: 7 })).map(
      (f) => f.facility,
    );
    expect(feeds.filter((f) => f.startsWith('INVENTED'))).toEqual([]);
    const snapshot = await readStoreSnapshot(db.pool, 60_000);
    expect(snapshot.facilities.map((f) => f.facility)).toEqual(feeds);
    const east = snapshot.facilities.find((f) => f.facility === 'EAST');
    expect(Date.now() - (east?.lastReceivedAt.getTime() ?? 0)).toBeGreaterThan(110 * 60_000);
  });

  it('counts the backlog and the failed share', async () => {
    expect(await findProcessingBacklog(db.pool)).toEqual({ waiting: 0, oldestReceivedAt: null });
    const older = await store(db, { facility: 'NORTH', status: 'received', daysAgo: 1 });
    await store(db, { facility: 'NORTH', status: 'received' });
    const backlog = await findProcessingBacklog(db.pool);
    expect(backlog.waiting).toBe(2);
    const olderRow = await findMessageTrace(db.pool, older);
    expect(backlog.oldestReceivedAt?.toISOString()).toBe(olderRow?.receivedAt.toISOString());

    const before = await countProcessingOutcomes(db.pool, 60_000);
    await store(db, { facility: 'NORTH', status: 'failed' });
    const after = await countProcessingOutcomes(db.pool, 60_000);
    expect(after.failed).toBe(before.failed + 1);
    expect(after.processed).toBe(before.processed);
  });
});

describe('alert states: one notification per start and per end', () => {
  let db: TestDatabase;
  let other: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'alertstate');
    // A second process's pool, built as the services build theirs (its connections' errors on
    // the database's drop are expected).
    other = createPool({ connectionString: db.url, max: 2, applicationName: 'adt-test-other' });
  });
  afterAll(async () => {
    await other.end();
    await db.drop();
  });

  const backlog = (firing: boolean): AlertObservation => ({
    key: 'queue_backlog',
    alert: 'queue_backlog',
    labels: {},
    firing,
    summary: firing ? '12 messages waiting' : 'no backlog',
  });

  it('announces a start once, however many processes observe it, then its end once', async () => {
    await recordAlertObservations(db.pool, [backlog(true)]);
    await recordAlertObservations(other, [backlog(true)]);
    const claims = await Promise.all([
      claimAlertNotifications(db.pool, 30_000),
      claimAlertNotifications(other, 30_000),
    ]);
    expect(claims.flat().map((c) => [c.key, c.firing])).toEqual([['queue_backlog', true]]);
    await markAlertNotified(db.pool, 'queue_backlog', true);

    await recordAlertObservations(other, [backlog(true)]);
    expect(await claimAlertNotifications(db.pool, 30_000)).toEqual([]);

    await recordAlertObservations(db.pool, [backlog(false)]);
    const ended = await claimAlertNotifications(other, 30_000);
    expect(ended.map((c) => [c.key, c.firing])).toEqual([['queue_backlog', false]]);
    await markAlertNotified(other, 'queue_backlog', false);
    await recordAlertObservations(db.pool, [backlog(false)]);
    expect(await claimAlertNotifications(db.pool, 30_000)).toEqual([]);

    const [state] = await listAlertStates(db.pool);
    expect(state).toMatchObject({ key: 'queue_backlog', firing: false, notifiedFiring: false });
  });

  it('never announces a condition that was never firing, nor an end nobody heard the start of', async () => {
    const silent = (firing: boolean): AlertObservation => ({
      key: 'feed_silent:NORTH',
      alert: 'feed_silent',
      labels: { facility: 'NORTH' },
      firing,
      summary: 'NORTH',
    });
    await recordAlertObservations(db.pool, [silent(false)]);
    expect(await claimAlertNotifications(db.pool, 30_000)).toEqual([]);
    // Started and ended between two rounds of notification: nothing to say.
    await recordAlertObservations(db.pool, [silent(true)]);
    await recordAlertObservations(db.pool, [silent(false)]);
    expect(await claimAlertNotifications(db.pool, 30_000)).toEqual([]);
  });

  it('retries a failed delivery after its delay and shows the error meanwhile', async () => {
    const failing: AlertObservation = {
      key: 'redis_unavailable',
      alert: 'redis_unavailable',
      labels: {},
      firing: true,
      summary: 'Redis does not answer',
    };
    await recordAlertObservations(db.pool, [failing]);
    expect(await claimAlertNotifications(db.pool, 30_000)).toHaveLength(1);
    // Leased: not claimable again until the lease ends or the claimer reports back.
    expect(await claimAlertNotifications(other, 30_000)).toEqual([]);
    await deferAlertNotification(db.pool, 'redis_unavailable', 60_000, 'webhook answered 502');
    expect(await claimAlertNotifications(db.pool, 30_000)).toEqual([]);
    const states = await listAlertStates(db.pool);
    expect(states.find((s) => s.key === 'redis_unavailable')).toMatchObject({
      firing: true,
      notifiedFiring: null,
      notifyError: 'webhook answered 502',
    });
    await deferAlertNotification(db.pool, 'redis_unavailable', 0, 'webhook answered 502');
    expect(await claimAlertNotifications(other, 30_000)).toHaveLength(1);
  });

  it('drops, without an end notice, the states of conditions an evaluation no longer has', async () => {
    const feed = (facility: string): AlertObservation => ({
      key: `feed_silent:${facility}`,
      alert: 'feed_silent',
      labels: { facility },
      firing: true,
      summary: `Facility ${facility} has sent nothing`,
    });
    await recordAlertObservations(db.pool, [feed('KEPT'), feed('INVENTED_1'), feed('INVENTED_2')]);
    for (const notice of await claimAlertNotifications(db.pool, 30_000)) {
      await markAlertNotified(db.pool, notice.key, notice.firing);
    }
    const kept = (await listAlertStates(db.pool))
      .map((s) => s.key)
      .filter((k) => k !== 'feed_silent:INVENTED_1' && k !== 'feed_silent:INVENTED_2');
    expect(await retireUnobservedAlerts(db.pool, kept)).toBe(2);
    const keys = (await listAlertStates(db.pool)).map((s) => s.key);
    expect(keys).toContain('feed_silent:KEPT');
    expect(keys.filter((k) => k.includes('INVENTED'))).toEqual([]);
    expect(await claimAlertNotifications(db.pool, 30_000)).toEqual([]);
  });
});
