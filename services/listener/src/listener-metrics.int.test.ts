import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFacilityFeeds, migrateDatabase } from '@adt/db';
import { ackCodeFromAck, MllpClient } from '@adt/hl7';
import { createLogger } from '@adt/logging';
import {
  createTestDatabase,
  hl7TestMessage,
  metricValue,
  scrapeMetrics,
  type TestDatabase,
} from '@adt/testing';
import { listenerTestConfig } from './testing/listener-test-config.js';
import { startListener, type RunningListener } from './listener.js';

/** An A03 from METRICS_HOSP, or of another type (MSH-9) or facility (MSH-4). */
function adt(controlId: string, opts: { type?: string; facility?: string } = {}): string {
  return hl7TestMessage({
    controlId,
    facility: 'METRICS_HOSP',
    msh: { 4: opts.facility ?? 'METRICS_HOSP', 9: opts.type ?? 'ADT^A03' },
  });
}

describe('listener metrics and correlation ids', () => {
  let db: TestDatabase;
  let listener: RunningListener;
  let client: MllpClient;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'listenermetrics');
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    const log = createLogger({ service: 'listener-metrics-test', level: 'info', destination });
    const config = listenerTestConfig(db, 'listenermetrics', {});
    listener = await startListener(config, log);
    client = await MllpClient.connect('127.0.0.1', listener.mllpPort);
  });

  afterAll(async () => {
    await client.close();
    await listener.stop();
    await db.drop();
  });

  const scrape = () => scrapeMetrics(listener.httpPort);
  const facility = { facility: 'METRICS_HOSP' };

  it('counts a stored message: received, stored, AA, and the facility’s last message time', async () => {
    const before = await scrape();
    const sentAt = Date.now() / 1000;
    expect(ackCodeFromAck(await client.send(adt('MET1'))).code).toBe('AA');
    const after = await scrape();
    for (const name of ['adt_messages_received_total', 'adt_messages_stored_total']) {
      expect(metricValue(after, name, facility) - metricValue(before, name, facility), name).toBe(1);
    }
    const aa = { ...facility, code: 'AA' };
    expect(
      metricValue(after, 'adt_messages_acked_total', aa) -
        metricValue(before, 'adt_messages_acked_total', aa),
    ).toBe(1);
    expect(metricValue(before, 'adt_last_message_received_timestamp_seconds', facility)).toBe(0);
    const last = metricValue(after, 'adt_last_message_received_timestamp_seconds', facility);
    expect(last).toBeGreaterThanOrEqual(Math.floor(sentAt) - 1);
    expect(last).toBeLessThanOrEqual(Date.now() / 1000 + 1);
  });

  it('counts a retransmission as a duplicate, not a second stored message', async () => {
    const before = await scrape();
    await client.send(adt('MET1'));
    const after = await scrape();
    const moved = (name: string) => metricValue(after, name, facility) - metricValue(before, name, facility);
    expect(moved('adt_messages_duplicate_total')).toBe(1);
    expect(moved('adt_messages_stored_total')).toBe(0);
  });

  it('counts refusals by code and unreadable frames as parse failures', async () => {
    const before = await scrape();
    expect(ackCodeFromAck(await client.send(adt('MET2', { type: 'ORU^R01' }))).code).toBe('AR');
    expect(ackCodeFromAck(await client.send('HELLO|not hl7')).code).toBe('AR');
    const after = await scrape();
    const ar = { ...facility, code: 'AR' };
    expect(
      metricValue(after, 'adt_messages_rejected_total', ar) -
        metricValue(before, 'adt_messages_rejected_total', ar),
    ).toBe(1);
    expect(
      metricValue(after, 'adt_messages_acked_total', ar) -
        metricValue(before, 'adt_messages_acked_total', ar),
    ).toBe(1);
    expect(
      metricValue(after, 'adt_parse_failures_total') - metricValue(before, 'adt_parse_failures_total'),
    ).toBe(1);
  });

  it('labels and keys only facilities with accepted traffic: invented ones count as other and make no feed', async () => {
    const facilitySeries = (body: string) => body.split('\n').filter((l) => l.includes('facility="'));
    const before = await scrape();
    for (let i = 0; i < 300; i += 1) {
      const ack = await client.send(adt(`INVENTED${i}`, { type: 'ORU^R01', facility: `INVENTED_${i}` }));
      expect(ackCodeFromAck(ack).code).toBe('AR');
    }
    const after = await scrape();
    expect(after).not.toMatch(/INVENTED_/);
    const labels = new Set(facilitySeries(after).map((l) => /facility="([^"]*)"/.exec(l)?.[1]));
    expect([...labels].sort()).toEqual(['METRICS_HOSP', 'other']);
    // received, rejected and acked under `other`: a handful of series, not one per facility.
    expect(facilitySeries(after).length - facilitySeries(before).length).toBeLessThanOrEqual(3);
    const other = { facility: 'other', code: 'AR' };
    expect(
      metricValue(after, 'adt_messages_rejected_total', other) -
        metricValue(before, 'adt_messages_rejected_total', other),
    ).toBe(300);

    const feeds = await listFacilityFeeds(db.pool, { timeZone: 'UTC', lookbackDays: 7 });
    expect(feeds.map((f) => f.facility)).toEqual(['METRICS_HOSP']);
    // A condition left by a release that still made feeds of refused messages is dropped.
    await db.pool.query(
      `INSERT INTO alert_states (key, alert, labels, firing, summary, notified_firing)
       VALUES ('feed_silent:INVENTED_OLD', 'feed_silent', '{"facility":"INVENTED_OLD"}', true, 'silent', true)`,
    );
    await listener.evaluateAlerts();
    const watched = await db.pool.query<{ key: string }>(
      `SELECT key FROM alert_states WHERE alert = 'feed_silent' ORDER BY key`,
    );
    expect(watched.rows.map((r) => r.key)).toEqual(['feed_silent:METRICS_HOSP']);
  });

  it('exposes the database pool and dependency readiness', async () => {
    const body = await scrape();
    expect(metricValue(body, 'adt_db_pool_clients', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(body).toMatch(/adt_db_pool_clients\{state="waiting",service="listener"\} 0/);
    expect(metricValue(body, 'adt_dependency_up', { dependency: 'postgres' })).toBe(1);
    expect(metricValue(body, 'adt_dependency_up', { dependency: 'redis' })).toBe(1);
  });

  it('logs each receipt under the correlation id stored with the message, without patient data', async () => {
    await client.send(adt('MET3'));
    const stored = await db.pool.query<{ id: string; correlation_id: string }>(
      `SELECT id, correlation_id FROM inbound_messages WHERE control_id = 'MET3'`,
    );
    const row = stored.rows[0];
    const line = lines.find((l) => l.msg === 'hl7 message stored' && l.controlId === 'MET3');
    expect(line).toMatchObject({ correlationId: row?.correlation_id, messageId: row?.id });

    await client.send(adt('MET4', { type: 'ORU^R01' }));
    const rejected = await db.pool.query<{ correlation_id: string }>(
      `SELECT correlation_id FROM inbound_messages WHERE control_id = 'MET4'`,
    );
    const refused = lines.find((l) => l.msg === 'hl7 message refused' && l.controlId === 'MET4');
    expect(refused?.correlationId).toBe(rejected.rows[0]?.correlation_id);
    expect(JSON.stringify(lines)).not.toMatch(/DOE|JANE|MRN42/);
  });
});
