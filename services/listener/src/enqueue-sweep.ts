import type pg from 'pg';
import { findUnprocessedMessageIds } from '@adt/db';
import type { Logger } from '@adt/logging';
import { startIntervalLoop } from '@adt/observability';

/** A periodic task; `stop` waits for a run in progress. */
export interface EnqueueSweep {
  /** One pass; resolves to how many messages it added to the queue. */
  runOnce: () => Promise<number>;
  stop: () => Promise<void>;
}

const SWEEP_BATCH = 500;

/**
 * Re-enqueues messages that are stored but still unprocessed after a grace period: the listener
 * may have crashed between commit and enqueue, or Redis may have been down or lost its data.
 * Job ids are message ids, so a message still waiting in the queue is not added twice.
 * @param options - pool, enqueue function, interval and grace period, logger
 */
export function startEnqueueSweep(options: {
  pool: pg.Pool;
  /** Adds the messages whose job is missing or finished; returns how many it added. */
  enqueue: (ids: string[]) => Promise<number>;
  intervalMs: number;
  graceMs: number;
  log: Logger;
  onSwept: (count: number) => void;
}): EnqueueSweep {
  // Where the next run continues: a backlog larger than one page is walked a page per run, so a
  // slow worker never makes the sweep re-add the same rows in a tight loop.
  let cursor = '0';

  const runOnce = async (): Promise<number> => {
    const ids = await findUnprocessedMessageIds(options.pool, options.graceMs, SWEEP_BATCH, cursor);
    cursor = ids.length < SWEEP_BATCH ? '0' : (ids.at(-1) ?? '0');
    if (ids.length === 0) return 0;
    // Under a backlog most of these still wait in the queue; only the missing ones are counted,
    // so the metric and the log speak of messages that had really dropped out of the queue.
    const added = await options.enqueue(ids);
    if (added === 0) return 0;
    options.log.info(
      { count: added, checked: ids.length },
      'sweep re-enqueued messages missing from the queue',
    );
    options.onSwept(added);
    return added;
  };

  const loop = startIntervalLoop(runOnce, {
    intervalMs: options.intervalMs,
    onError: (error) => {
      options.log.warn({ err: error }, 'enqueue sweep failed; will retry');
    },
  });

  return { runOnce, stop: loop.stop };
}
