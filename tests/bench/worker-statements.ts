/**
 * What the worker asks of Postgres per message, from its own counters (`/metrics`): statements
 * (node-postgres sends each as one round trip), commits and batches. Unlike pg_stat_database these
 * are exact over any window and count only the worker.
 */
import { metricValue, scrapeMetrics } from '@adt/testing';

/** The worker's cumulative counters. */
export interface WorkerCounters {
  statements: number;
  commits: number;
  batches: number;
}

/** Per processed message (and messages per batch). */
export interface WorkerStatements {
  statements: number;
  commits: number;
  messagesPerBatch: number | null;
}

/**
 * Reads the worker's counters now.
 * @param port - the worker's ops HTTP port
 */
export async function readWorkerStatements(port: number): Promise<WorkerCounters> {
  const text = await scrapeMetrics(port);
  return {
    statements: metricValue(text, 'adt_worker_db_statements_total'),
    commits: metricValue(text, 'adt_worker_db_commits_total'),
    batches: metricValue(text, 'adt_worker_batches_total'),
  };
}

/**
 * Counters per message between two readings.
 * @param before - earlier reading
 * @param after - later reading
 * @param messages - messages processed in between
 */
export function workerStatementsPerMessage(
  before: WorkerCounters,
  after: WorkerCounters,
  messages: number,
): WorkerStatements | null {
  if (messages <= 0) return null;
  const round = (value: number) => Math.round(value * 100) / 100;
  const batches = after.batches - before.batches;
  return {
    statements: round((after.statements - before.statements) / messages),
    commits: round((after.commits - before.commits) / messages),
    messagesPerBatch: batches > 0 ? round(messages / batches) : null,
  };
}
