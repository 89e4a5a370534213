/**
 * The baselines measured in the same run as the product: Postgres' single-row commit rate (the
 * physical limit of a per-message durable ACK), a raw `net` MLLP server with a fixed ACK (the
 * transport limit), and @medplum/hl7's MLLP server answering without storing (the peer).
 */
import path from 'node:path';
import type { BenchSettings } from './bench-options.js';
import { latencyColumns, type ScenarioRow } from './bench-report.js';
import { startPeer } from './child-processes.js';
import { runLoad } from './load-runner.js';
import { measureCommitRate } from './pg-commit-baseline.js';
import { CpuMeter, RssSampler } from './process-memory.js';
import type { ProductStack } from './product-stack.js';
import { loadRow, medianOf, streamsFor } from './scenario-rows.js';

const PEERS_DIR = path.join(import.meta.dirname, 'peers');
const RSS_INTERVAL_MS = 500;

/**
 * Postgres' single-row commit rate on 1 and on many connections.
 * @param stack - the product (its database and pool are used; the services stay idle)
 * @param settings - durations
 */
export async function pgCommitRows(stack: ProductStack, settings: BenchSettings): Promise<ScenarioRow[]> {
  const rows: ScenarioRow[] = [];
  for (const connections of [1, settings.manyConnections]) {
    rows.push(
      await medianOf(settings.repeats, async () => {
        const cpu = new CpuMeter({ bench: process.pid });
        const result = await measureCommitRate(stack.pool, {
          connections,
          durationMs: settings.durationMs,
          warmupMs: settings.warmupMs,
        });
        return {
          name: `pg_commit_${connections}`,
          label: `baseline: Postgres 1.8 KB INSERT commits, ${connections} conn`,
          kind: 'baseline',
          connections,
          count: result.commits,
          seconds: result.seconds,
          msgs_per_s: Math.round(result.commits / result.seconds),
          ...latencyColumns(result.latency.summary()),
          rss_mb: {},
          cpu_s: cpu.used(),
          errors: 0,
          detail: { synchronous_commit: result.synchronousCommit },
        };
      }),
    );
  }
  return rows;
}

/**
 * A non-storing MLLP server (raw `net` or @medplum/hl7) in its own process, on 1 and many connections.
 * @param peer - which server
 * @param settings - durations
 */
export async function peerRows(peer: 'raw' | 'medplum', settings: BenchSettings): Promise<ScenarioRow[]> {
  const server = await startPeer(
    path.join(PEERS_DIR, peer === 'raw' ? 'raw-ack-server.ts' : 'medplum-ack-server.ts'),
  );
  const label = peer === 'raw' ? 'baseline: raw net MLLP, fixed ACK' : 'peer: @medplum/hl7 server, ACK only';
  try {
    const rows: ScenarioRow[] = [];
    for (const connections of [1, settings.manyConnections]) {
      rows.push(
        await medianOf(settings.repeats, async (run) => {
          const sampler = new RssSampler({ [peer]: server.pid }).start(RSS_INTERVAL_MS);
          const cpu = new CpuMeter({ [peer]: server.pid, bench: process.pid });
          const load = await runLoad({
            port: server.port,
            connections,
            sourceFor: streamsFor(`${peer === 'raw' ? 'R' : 'M'}${connections}r${run}`),
            durationMs: settings.durationMs,
            warmupMs: settings.warmupMs,
          });
          sampler.stop();
          return {
            ...loadRow(
              {
                name: `${peer}_ack_${connections}`,
                label: `${label}, ${connections} conn`,
                kind: 'baseline',
                connections,
              },
              load,
              sampler.peakMb(),
            ),
            cpu_s: cpu.used(),
          };
        }),
      );
    }
    return rows;
  } finally {
    await server.stop();
  }
}
