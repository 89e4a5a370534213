/**
 * The worker's apply step alone, one message at a time against batches, on the same stored
 * traffic: statements (round trips), commits and CPU per message, and messages per second, from
 * one process with a counting pool. Two databases get the same messages (the bench's ADT mix), so
 * the two ways are measured side by side in one run.
 *
 *   node --conditions=@adt/source --import tsx tests/bench/apply-batch-harness.ts [messages] [batch]
 *
 * Needs Postgres as for the tests (`DATABASE_URL`, else the local server).
 */
import { createHash } from 'node:crypto';
import { applyMessage, applyMessageBatch, type ApplyDeps } from '@adt/application';
import { migrateDatabase, storeInboundMessage } from '@adt/db';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { AdtMix } from './adt-mix.js';

const ZONE = 'America/New_York';
/** Single messages in flight, as the worker's default `WORKER_CONCURRENCY`; batches run one at a time, as in the worker. */
const CONCURRENCY = 4;

interface Counts {
  statements: number;
  commits: number;
}

function countStatements(db: TestDatabase): Counts {
  const counts: Counts = { statements: 0, commits: 0 };
  db.pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      counts.statements += 1;
      const [first] = args;
      const text = typeof first === 'string' ? first : (first as { text?: unknown } | undefined)?.text;
      if (typeof text === 'string' && /^\s*commit\b/i.test(text)) counts.commits += 1;
      return query(...args);
    };
  });
  return counts;
}

async function store(db: TestDatabase, texts: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const text of texts) {
    const stored = await storeInboundMessage(db.pool, {
      raw: Buffer.from(text),
      contentHash: createHash('sha256').update(text).digest(),
      peerAddress: null,
      sendingApplication: 'BENCH',
      sendingFacility: /^MSH\|[^|]*\|[^|]*\|([^|]*)/.exec(text)?.[1] ?? '',
      controlId: /^MSH(?:\|[^|]*){8}\|([^|]*)/.exec(text)?.[1] ?? '',
      messageType: 'ADT',
      versionId: '2.5.1',
      ackCode: 'AA',
    });
    ids.push(stored.id);
  }
  return ids;
}

async function run(
  label: string,
  ids: readonly string[],
  apply: (ids: readonly string[]) => Promise<void>,
  unit: number,
  inFlight: number,
  counts: Counts,
): Promise<Record<string, number | string>> {
  const queue = [...ids];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const before = { ...counts };
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (;;) {
        const next = queue.splice(0, unit);
        if (next.length === 0) return;
        await apply(next);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const n = ids.length;
  return {
    way: label,
    msgs_per_s: Math.round(n / seconds),
    statements_per_msg: Math.round(((counts.statements - before.statements) / n) * 100) / 100,
    commits_per_msg: Math.round(((counts.commits - before.commits) / n) * 1000) / 1000,
    cpu_ms_per_msg: Math.round(((used.user + used.system) / 1000 / n) * 100) / 100,
  };
}

const messages = Number(process.argv[2] ?? 3000);
const batch = Number(process.argv[3] ?? 64);
const streams = Array.from({ length: 8 }, (_, i) => new AdtMix({ streamId: `h${i}`, seed: 1000 + i }));
const texts = Array.from({ length: messages }, (_, i) => (streams[i % streams.length] as AdtMix).next().text);
const databases = [
  await createTestDatabase(migrateDatabase, 'bench-one'),
  await createTestDatabase(migrateDatabase, 'bench-batch'),
];
try {
  const [one, batched] = databases as [TestDatabase, TestDatabase];
  const deps = (db: TestDatabase): ApplyDeps => ({
    pool: db.pool,
    rules: { calendar: { zone: ZONE, holidays: new Set() }, observationCodes: new Set(['OBS']) },
    defaultTeam: 'default',
    zoneForFacility: () => ZONE,
  });
  // Before anything connects: every connection of the pools is counted.
  const oneCounts = countStatements(one);
  const batchCounts = countStatements(batched);
  const oneIds = await store(one, texts);
  const batchIds = await store(batched, texts);
  const rows = [
    await run(
      'one at a time (applyMessage)',
      oneIds,
      async ([id]) => {
        await applyMessage(deps(one), id ?? '');
      },
      1,
      CONCURRENCY,
      oneCounts,
    ),
    await run(
      `batches of ${batch} (applyMessageBatch)`,
      batchIds,
      async (ids) => {
        const outcome = await applyMessageBatch(deps(batched), ids);
        if (outcome.mode !== 'together') process.stderr.write('a batch fell back to one by one\n');
      },
      batch,
      1,
      batchCounts,
    ),
  ];
  const out = (line: string) => process.stdout.write(`${line}\n`);
  for (const row of rows) out(JSON.stringify(row));
  for (const [label, db] of [
    ['one', one],
    ['batch', batched],
  ] as const) {
    const statuses = await db.pool.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM inbound_messages GROUP BY status ORDER BY status',
    );
    out(`${label}: ${statuses.rows.map((r) => `${r.status} ${r.n}`).join(', ')}`);
  }
  const [a, b] = rows as [Record<string, number>, Record<string, number>];
  out(
    `batch / one-at-a-time: ${(Number(b.msgs_per_s) / Number(a.msgs_per_s)).toFixed(2)} × msg/s, ` +
      `${(Number(b.cpu_ms_per_msg) / Number(a.cpu_ms_per_msg)).toFixed(2)} × CPU per message`,
  );
} finally {
  for (const db of databases) await db.drop();
}
