/**
 * Replaying stored messages (`adt replay`, `POST /api/messages/:id/replay`, `POST
 * /api/messages/replay-failed`): failed or still-waiting messages go back to `received` and are
 * enqueued again; processing then applies them as any other (idempotent per message).
 */
import { findFailedMessageIds, resetMessagesForReplay, type Queryable } from '@adt/db';

/** What a replay needs: the database and a way to put messages back on the queue. */
export interface ReplayDeps {
  db: Queryable;
  /**
   * Enqueues the messages again. A finished job keeps its id in the queue, so this must remove it
   * first, or the replay would never run.
   */
  requeue: (messageIds: readonly string[]) => Promise<unknown>;
}

/**
 * Replays messages.
 * @param deps - database and requeue
 * @param which - message ids, or `failed` for every failed message
 * @returns the ids replayed (messages already processed, rejected or duplicate are left alone)
 */
export async function replayMessages(
  deps: ReplayDeps,
  which: readonly string[] | 'failed',
): Promise<string[]> {
  const ids = which === 'failed' ? await findFailedMessageIds(deps.db) : which;
  const reset = await resetMessagesForReplay(deps.db, ids);
  await deps.requeue(reset);
  return reset;
}
