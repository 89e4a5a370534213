import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAlertObservations, storeInboundMessage, storeRejectedMessage } from '@adt/db';
import { createLogger } from '@adt/logging';
import { metricValue, scrapeMetrics } from '@adt/testing';
import { startApi } from './api-server.js';
import { type ApiHarness, createUserToken, startApiHarness } from './testing/api-harness.js';

let sequence = 0;

describe('ops routes: feeds, processing, alerts', () => {
  let h: ApiHarness;
  let ops: string;

  beforeAll(async () => {
    h = await startApiHarness('opsroutes', { ALERT_FEED_SILENT_MINUTES_BY_FACILITY: 'NIGHT_CLINIC=600' });
    ops = await createUserToken(h.db.pool, { role: 'ops', team: null, name: 'ops' });
  });

  afterAll(async () => {
    await h.close();
  });

  async function store(facility: string, minutesAgo: number, status = 'received'): Promise<string> {
    sequence += 1;
    const raw = Buffer.from(`MSH|^~\\&|EPIC|${facility}|||||ADT^A03|OPSR${sequence}|P|2.5.1`);
    const stored = await storeInboundMessage(h.db.pool, {
      raw,
      contentHash: createHash('sha256').update(raw).digest(),
      peerAddress: null,
      sendingApplication: 'EPIC',
      sendingFacility: facility,
      controlId: `OPSR${sequence}`,
      messageType: 'ADT^A03',
      versionId: '2.5.1',
      ackCode: 'AA',
    });
    await h.db.pool.query(
      `UPDATE inbound_messages SET received_at = now() - make_interval(mins => $2), status = $3 WHERE id = $1`,
      [stored.id, minutesAgo, status],
    );
    return stored.id;
  }

  const get = (url: string) => h.app.inject({ url, headers: { authorization: `Bearer ${ops}` } });

  it('shows each facility with its last message, traffic and whether it is silent', async () => {
    await store('GENERAL_HOSP', 1, 'processed');
    await store('GENERAL_HOSP', 2, 'processed');
    await store('NIGHT_CLINIC', 120, 'processed');
    await store('RURAL_HOSP', 75, 'processed');
    await storeRejectedMessage(h.db.pool, {
      raw: Buffer.from('x'),
      contentHash: Buffer.from('rej'),
      sendingFacility: 'GENERAL_HOSP',
      ackCode: 'AR',
      reason: 'unsupported message type',
    });
    const response = await get('/api/ops/feeds');
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: Record<string, unknown>[] }>().items;
    expect(items.map((f) => [f.facility, f.silent, f.silentAfterMinutes])).toEqual([
      ['GENERAL_HOSP', false, 30],
      ['NIGHT_CLINIC', false, 600],
      ['RURAL_HOSP', true, 30],
    ]);
    expect(items[0]).toMatchObject({
      messagesLastHour: 3,
      rejectedToday: 1,
      ackCodesToday: { AA: 2, AR: 1 },
    });
    expect(items[2]).toMatchObject({ minutesSinceLast: 75, messagesLastHour: 0 });
  });

  it('shows the processing backlog, the queue and recent failures', async () => {
    const before = (await get('/api/ops/processing')).json<{ backlog: { waiting: number } }>();
    await store('GENERAL_HOSP', 5);
    await store('GENERAL_HOSP', 0, 'failed');
    const response = await get('/api/ops/processing');
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      backlog: { waiting: number; oldestReceivedAt: string | null };
      queue: { counts: Record<string, number> } | null;
      lastWindow: { failed: number };
      retentionDays: number;
    }>();
    expect(body.backlog.waiting).toBe(before.backlog.waiting + 1);
    expect(Date.now() - Date.parse(body.backlog.oldestReceivedAt ?? '')).toBeGreaterThanOrEqual(
      5 * 60_000 - 1_000,
    );
    expect(body.queue?.counts).toMatchObject({ waiting: 0, failed: 0 });
    expect(body.lastWindow.failed).toBe(1);
    expect(body.retentionDays).toBe(90);
  });

  it('lists alert states, firing first, with their runbook', async () => {
    await recordAlertObservations(h.db.pool, [
      { key: 'queue_backlog', alert: 'queue_backlog', labels: {}, firing: false, summary: 'keeps up' },
      {
        key: 'feed_silent:RURAL_HOSP',
        alert: 'feed_silent',
        labels: { facility: 'RURAL_HOSP' },
        firing: true,
        summary: 'Facility RURAL_HOSP has sent nothing for 45 minutes (limit 30 minutes)',
      },
    ]);
    const response = await get('/api/ops/alerts');
    expect(response.statusCode).toBe(200);
    expect(response.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({
        key: 'feed_silent:RURAL_HOSP',
        firing: true,
        labels: { facility: 'RURAL_HOSP' },
        notifiedFiring: null,
        runbook: 'docs/operations.md#feed-silent',
      }),
      expect.objectContaining({
        key: 'queue_backlog',
        firing: false,
        runbook: 'docs/operations.md#queue-backlog',
      }),
    ]);
  });

  it('exposes the API pool on /metrics', async () => {
    const api = await startApi(
      { ...h.config, migrateOnStart: false, api: { ...h.config.api, host: '127.0.0.1', port: 0 } },
      createLogger({ service: 'opsroutes-api', level: 'silent' }),
    );
    try {
      await api.app.inject({ url: '/api/ops/feeds', headers: { authorization: `Bearer ${ops}` } });
      const body = await scrapeMetrics(api.port, ops);
      expect(
        metricValue(body, 'adt_db_pool_clients', { state: 'total', service: 'api' }),
      ).toBeGreaterThanOrEqual(1);
      expect(metricValue(body, 'adt_dependency_up', { dependency: 'postgres' })).toBe(1);
    } finally {
      await api.stop();
    }
  });
});
