import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ackCodeFromAck, readMessageHeader } from '@adt/hl7';
import { createLogger } from '@adt/logging';
import { createMetricsRegistry } from '@adt/observability';
import { ApplicationAckWatcher, type ApplicationAckTarget } from './application-ack.js';
import type { AckCondition } from './acknowledgment-mode.js';
import { createListenerMetrics } from './listener-metrics.js';

const header = readMessageHeader('MSH|^~\\&|EPIC|SMH|FU|PR|20261118||ADT^A03^ADT_A03|C1|P|2.5.1|||AL|AL');
const log = createLogger({ service: 'application-ack-test', level: 'silent' });

/** A pool whose only query returns the statuses in `statuses` (message id → status). */
function fakePool(statuses: Map<string, { status: string; reason?: string }>): pg.Pool {
  const query = (_sql: string, [ids]: [string[]]) =>
    Promise.resolve({
      rows: ids.flatMap((id) => {
        const found = statuses.get(id);
        return found ? [{ id, status: found.status, status_reason: found.reason ?? null }] : [];
      }),
    });
  return { query } as unknown as pg.Pool;
}

function target(): ApplicationAckTarget & { sent: string[]; close: () => void } {
  const closing = new AbortController();
  const sent: string[] = [];
  return {
    sent,
    closed: closing.signal,
    close: () => {
      closing.abort();
    },
    send: (payload) => {
      if (closing.signal.aborted) return false;
      sent.push(payload.toString('utf8'));
      return true;
    },
  };
}

async function settle(ms = 60): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function setup(statuses: Map<string, { status: string; reason?: string }>, timeoutMs = 5_000) {
  const registry = createMetricsRegistry('unit');
  const metrics = createListenerMetrics(registry);
  const watcher = new ApplicationAckWatcher({
    pool: fakePool(statuses),
    log,
    metrics,
    pollIntervalMs: 5,
    timeoutMs,
  });
  const dropped = async (reason: string) => {
    const text = await registry.metrics();
    return Number(
      new RegExp(`adt_application_acks_dropped_total\\{[^}]*reason="${reason}"[^}]*\\} (\\d+)`).exec(
        text,
      )?.[1] ?? 0,
    );
  };
  return { watcher, dropped };
}

describe('ApplicationAckWatcher', () => {
  it('waits while the message is received, then sends AA once it is processed', async () => {
    const statuses = new Map([['1', { status: 'received' }]]);
    const { watcher } = setup(statuses);
    const to = target();
    watcher.watch({ messageId: '1', header, condition: 'AL' }, to);
    await settle();
    expect(to.sent).toEqual([]);
    expect(watcher.pendingCount).toBe(1);
    statuses.set('1', { status: 'processed' });
    await settle();
    expect(to.sent.map((ack) => ackCodeFromAck(ack))).toEqual([{ code: 'AA', controlId: 'C1', text: '' }]);
    expect(watcher.pendingCount).toBe(0);
    await watcher.stop();
  });

  it('follows MSH-16: SU sends only successes, ER only failures with the reason', async () => {
    const statuses = new Map([
      ['ok', { status: 'processed' }],
      ['bad', { status: 'failed', reason: 'PID-3 (patient identifier) is empty' }],
    ]);
    const { watcher } = setup(statuses);
    const sent: Record<AckCondition, string[]> = { AL: [], NE: [], ER: [], SU: [] };
    for (const condition of ['SU', 'ER'] as const) {
      for (const messageId of ['ok', 'bad']) {
        const to = target();
        watcher.watch({ messageId, header, condition }, to);
        await settle();
        sent[condition].push(...to.sent.map((ack) => ackCodeFromAck(ack).code));
      }
    }
    expect(sent.SU).toEqual(['AA']);
    expect(sent.ER).toEqual(['AE']);
    await watcher.stop();
  });

  it('drops the ACK when the connection closed or the worker took too long, and counts why', async () => {
    const statuses = new Map([
      ['1', { status: 'received' }],
      ['2', { status: 'received' }],
    ]);
    const { watcher, dropped } = setup(statuses, 40);
    const closing = target();
    watcher.watch({ messageId: '1', header, condition: 'AL' }, closing);
    closing.close();
    const slow = target();
    watcher.watch({ messageId: '2', header, condition: 'AL' }, slow);
    await settle(120);
    statuses.set('2', { status: 'processed' });
    await settle();
    expect(slow.sent).toEqual([]);
    expect(watcher.pendingCount).toBe(0);
    expect(await dropped('connection_closed')).toBe(1);
    expect(await dropped('timeout')).toBe(1);
    await watcher.stop();
  });

  it('ignores NE and drops what is pending on stop', async () => {
    const { watcher, dropped } = setup(new Map([['1', { status: 'received' }]]));
    watcher.watch({ messageId: '1', header, condition: 'NE' }, target());
    expect(watcher.pendingCount).toBe(0);
    watcher.watch({ messageId: '1', header, condition: 'AL' }, target());
    await watcher.stop();
    expect(watcher.pendingCount).toBe(0);
    expect(await dropped('listener_stopped')).toBe(1);
  });
});
