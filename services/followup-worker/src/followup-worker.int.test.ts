import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '@adt/config';
import { resetMessagesForReplay } from '@adt/db';
import { createLogger } from '@adt/logging';
import {
  createAdtEventsQueue,
  createProducerConnection,
  enqueueMessages,
  requeueMessages,
  type ApplyMessageJob,
  type Queue,
  type Redis,
} from '@adt/queue';
import { metricValue, scrapeMetrics, testQueuePrefix, testRedisUrl } from '@adt/testing';
import { startFollowupWorker, type RunningWorker } from './followup-worker.js';
import { createApplyHarness, type ApplyHarness } from './testing/apply-harness.js';

const ATTEMPTS = 2;

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('follow-up worker: metrics, failures, replay, retention', () => {
  let harness: ApplyHarness;
  let worker: RunningWorker;
  let redis: Redis;
  let queue: Queue<ApplyMessageJob>;
  const lines: Record<string, unknown>[] = [];
  let sequence = 0;

  beforeAll(async () => {
    harness = await createApplyHarness('workerops');
    const config = loadConfig({
      DATABASE_URL: harness.db.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: testQueuePrefix('workerops'),
      HTTP_HOST: '127.0.0.1',
      WORKER_HTTP_PORT: '0',
      WORKER_CONCURRENCY: '2',
      WORKER_MAX_ATTEMPTS: String(ATTEMPTS),
      MIGRATE_ON_START: 'false',
    });
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    worker = await startFollowupWorker(config, createLogger({ service: 'worker-test', destination }));
    redis = createProducerConnection(config.redisUrl);
    queue = createAdtEventsQueue({ connection: redis, prefix: config.queuePrefix });
  });

  afterAll(async () => {
    await worker.stop();
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    await harness.close();
  });

  const scrape = () => scrapeMetrics(worker.httpPort);
  const moved = (before: string, after: string, name: string, labels: Record<string, string> = {}) =>
    metricValue(after, name, labels) - metricValue(before, name, labels);

  /** Stores an inpatient discharge for a new patient. */
  function discharge(): Promise<string> {
    sequence += 1;
    return harness.store({
      controlId: `WK${sequence}`,
      event: 'A03',
      mrn: `WK${sequence}`,
      visit: `WKV${sequence}`,
      patientClass: 'I',
      at: '202611181430',
      discharge: '202611181400',
    });
  }

  async function statusOf(id: string): Promise<{ status: string; reason: string | null }> {
    const result = await harness.db.pool.query<{ status: string; reason: string | null }>(
      'SELECT status, status_reason AS reason FROM inbound_messages WHERE id = $1',
      [id],
    );
    const row = result.rows[0];
    if (!row) throw new Error(`no message ${id}`);
    return row;
  }

  const settled = (id: string, status: string) =>
    waitFor(async () => ((await statusOf(id)).status === status ? true : undefined));

  it('moves the job, latency and follow-up metrics when a message is applied, and logs its correlation id', async () => {
    const before = await scrape();
    const id = await discharge();
    await enqueueMessages(queue, [id], { attempts: ATTEMPTS });
    await settled(id, 'processed');
    const after = await waitFor(async () => {
      const body = await scrape();
      return moved(before, body, 'adt_jobs_completed_total', { event: 'A03' }) === 1 ? body : undefined;
    });
    expect(moved(before, after, 'adt_follow_ups_created_total', { kind: 'discharge' })).toBe(1);
    expect(moved(before, after, 'adt_job_duration_seconds_count')).toBe(1);
    expect(moved(before, after, 'adt_message_processing_latency_seconds_count')).toBe(1);
    expect(moved(before, after, 'adt_message_processing_latency_seconds_sum')).toBeGreaterThan(0);
    expect(metricValue(after, 'adt_db_pool_clients', { state: 'total' })).toBeGreaterThanOrEqual(1);

    const trace = await harness.db.pool.query<{ correlation_id: string }>(
      'SELECT correlation_id FROM inbound_messages WHERE id = $1',
      [id],
    );
    const applied = lines.find((l) => l.msg === 'message applied' && l.messageId === id);
    expect(applied?.correlationId).toBe(trace.rows[0]?.correlation_id);
    expect(JSON.stringify(lines)).not.toMatch(/DOE|JANE/);
  });

  it('shows the queue depth and the oldest waiting job while the queue is held, and both fall once it drains', async () => {
    await queue.pause();
    const ids = [await discharge(), await discharge(), await discharge()];
    await enqueueMessages(queue, ids, { attempts: ATTEMPTS });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const held = await scrape();
    expect(metricValue(held, 'adt_queue_jobs', { state: 'waiting' })).toBe(3);
    expect(metricValue(held, 'adt_queue_oldest_waiting_age_seconds')).toBeGreaterThanOrEqual(1);

    await queue.resume();
    for (const id of ids) await settled(id, 'processed');
    // The jobs of one batch are marked completed in Redis just after their common commit.
    await vi.waitFor(async () => {
      const drained = await scrape();
      expect(metricValue(drained, 'adt_queue_jobs', { state: 'waiting' })).toBe(0);
      expect(metricValue(drained, 'adt_queue_oldest_waiting_age_seconds')).toBe(0);
      expect(metricValue(drained, 'adt_queue_jobs', { state: 'completed' })).toBeGreaterThanOrEqual(3);
    });
  });

  it('fails a poison message at once with its reason while the messages around it are applied', async () => {
    const before = await scrape();
    const poison = await harness.store('THIS IS NOT HL7\rPID|nothing');
    const good = [await discharge(), await discharge(), await discharge()];
    await enqueueMessages(queue, [good[0] ?? '', poison, ...good.slice(1)], { attempts: ATTEMPTS });
    for (const id of good) await settled(id, 'processed');
    await settled(poison, 'failed');
    expect((await statusOf(poison)).reason).toMatch(/\S/);
    // A job's outcome reaches the queue (and these counters) once its whole batch is done.
    await vi.waitFor(async () => {
      const after = await scrape();
      expect(moved(before, after, 'adt_jobs_failed_total', { final: 'true' })).toBe(1);
      expect(moved(before, after, 'adt_jobs_failed_total', { final: 'false' })).toBe(0);
      expect(moved(before, after, 'adt_follow_ups_created_total', { kind: 'discharge' })).toBe(3);
    });
  });

  it('retries a failing message, lands it failed with the reason, and a replay applies it once the cause is fixed', async () => {
    const id = await discharge();
    // A database fault for this one message: every attempt fails until the trigger is dropped.
    await harness.db.pool.query(`
      CREATE FUNCTION fail_one_message() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.message_id = ${Number(id)} THEN RAISE EXCEPTION 'simulated storage fault'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER fail_one_message BEFORE INSERT ON encounter_events
        FOR EACH ROW EXECUTE FUNCTION fail_one_message();`);
    const before = await scrape();
    await enqueueMessages(queue, [id], { attempts: ATTEMPTS });
    await settled(id, 'failed');
    expect((await statusOf(id)).reason).toBe('simulated storage fault');
    const failed = await scrape();
    expect(moved(before, failed, 'adt_jobs_failed_total', { final: 'false' })).toBe(ATTEMPTS - 1);
    expect(moved(before, failed, 'adt_jobs_failed_total', { final: 'true' })).toBe(1);
    const failedLine = lines.find((l) => l.msg === 'job failed' && l.messageId === id && l.final === true);
    expect(failedLine?.correlationId).toMatch(/^[0-9a-f-]{36}$/);

    await harness.db.pool.query('DROP TRIGGER fail_one_message ON encounter_events');
    // What `adt replay` and POST /api/messages/:id/replay do.
    const reset = await resetMessagesForReplay(harness.db.pool, [id]);
    await requeueMessages(queue, reset, { attempts: ATTEMPTS });
    await settled(id, 'processed');
    const followUps = await harness.db.pool.query(
      `SELECT 1 FROM follow_ups f JOIN encounter_events ee ON ee.encounter_id = f.encounter_id
        WHERE ee.message_id = $1`,
      [id],
    );
    expect(followUps.rowCount).toBe(1);
  });

  it('prunes on demand and reports each run, its result and what it pruned', async () => {
    const old = await discharge();
    await harness.db.pool.query(
      `UPDATE inbound_messages SET status = 'processed', received_at = now() - interval '200 days' WHERE id = $1`,
      [old],
    );
    const before = await scrape();
    expect(await worker.prune()).toBe(1);
    const after = await scrape();
    expect(moved(before, after, 'adt_retention_runs_total', { result: 'success' })).toBe(1);
    expect(moved(before, after, 'adt_retention_pruned_messages_total')).toBe(1);
    expect(metricValue(after, 'adt_retention_last_success_timestamp_seconds')).toBeGreaterThan(
      Date.now() / 1000 - 60,
    );

    // A failing run is counted as such and does not move the last success.
    await harness.db.pool.query(
      'ALTER TABLE inbound_message_raw_kept RENAME TO inbound_message_raw_kept_hidden',
    );
    try {
      await expect(worker.prune()).rejects.toThrow();
    } finally {
      await harness.db.pool.query(
        'ALTER TABLE inbound_message_raw_kept_hidden RENAME TO inbound_message_raw_kept',
      );
    }
    const failed = await scrape();
    expect(moved(after, failed, 'adt_retention_runs_total', { result: 'failure' })).toBe(1);
    expect(metricValue(failed, 'adt_retention_last_success_timestamp_seconds')).toBe(
      metricValue(after, 'adt_retention_last_success_timestamp_seconds'),
    );
    expect(metricValue(failed, 'adt_retention_last_run_timestamp_seconds')).toBeGreaterThanOrEqual(
      metricValue(after, 'adt_retention_last_run_timestamp_seconds'),
    );
  });
});
