/**
 * Applies several stored messages in one transaction: the worker's batch of ready jobs.
 *
 * The messages are read in one statement, parsed and checked in memory, then applied one after
 * another by the same steps as {@link applyMessage} in a single transaction, whose closing writes
 * (marked processed, supersession checks queued) are one statement each for the whole batch. They
 * are applied in the order they were received (their ids), exactly as one at a time: a merge links
 * two patients or visits, so an event applied after the merge that followed it lands on the
 * survivor instead of the retired record. The queue hands a batch's jobs over almost, not exactly,
 * in that order (a job fetched with another's completion can come a place early), so the batch
 * sorts them. Reordering by patient (to take row locks in one order) would break the same rule. Two processes' batches that lock the same patients in opposite orders
 * meet in a deadlock; Postgres ends one, and that batch is applied again message by message.
 *
 * Per-encounter order and idempotency are those of {@link applyMessage}: the same row locks and
 * the same encounter_events key. A message that cannot be read fails alone before the
 * transaction. If the transaction fails for any reason (a poison message, a deadlock, a lost
 * connection), nothing of it stays and every message is applied again on its own, each in its own
 * transaction, so one bad message fails alone and never its batch.
 *
 * A read or a message that fails for a reason other than its content is tried again in place, a
 * few times, before the batch goes on: left to its job's retry, it would come back only after the
 * rest of the batch and the batches behind it, so a later event of the same patient would overtake
 * it (an A08 saying the patient died applied before the discharge it corrects).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { findMessagesByIds, messageTraceOf, withTransaction, type MessageTrace } from '@adt/db';
import {
  applyMessage,
  applyReadMessage,
  DeferredWrites,
  readStoredMessage,
  type ApplyDeps,
  type ApplyOutcome,
  type ReadMessage,
} from './apply-message.js';
import { UnprocessableMessageError } from './unprocessable-message-error.js';

/** Pauses before each try in place of a read or message that failed (see the file comment). */
const IN_PLACE_RETRY_DELAYS_MS: readonly number[] = [100, 400, 1_600];

/** What happened to one message of a batch. */
export type BatchItemResult = { ok: true; outcome: ApplyOutcome } | { ok: false; error: unknown };

/** What a batch did. */
export interface BatchOutcome {
  /** Each message's result, by id. */
  results: Map<string, BatchItemResult>;
  /** `together`: one transaction; `one_by_one`: it failed and each message ran on its own. */
  mode: 'together' | 'one_by_one';
  /** Why the shared transaction failed (one_by_one only). */
  batchError?: unknown;
}

/**
 * Applies a batch of stored messages (see the file comment for the contract).
 * @param deps - pool, rules and routing settings
 * @param messageIds - the messages, each once
 */
export async function applyMessageBatch(
  deps: ApplyDeps,
  messageIds: readonly string[],
): Promise<BatchOutcome> {
  const results = new Map<string, BatchItemResult>();
  const stored = await withInPlaceRetries(() => findMessagesByIds(deps.pool, messageIds));
  const toApply: { message: ReadMessage; trace: MessageTrace }[] = [];
  for (const id of inReceiptOrder(messageIds)) {
    const message = stored.get(id);
    if (!message) {
      results.set(id, { ok: false, error: new UnprocessableMessageError(`message ${id} does not exist`) });
      continue;
    }
    const trace = messageTraceOf(message);
    try {
      const read = await readStoredMessage(deps, id, message);
      if (read.kind === 'skipped') results.set(id, { ok: true, outcome: { ...read.changes, trace } });
      else toApply.push({ message: read.message, trace });
    } catch (error) {
      results.set(id, { ok: false, error });
    }
  }
  if (toApply.length === 0) return { results, mode: 'together' };
  try {
    const changes = await withTransaction(deps.pool, async (db) => {
      const writes = new DeferredWrites();
      const applied = [];
      for (const item of toApply) applied.push(await applyReadMessage(db, deps, item.message, writes));
      await writes.flush(db);
      return applied;
    });
    for (const [index, item] of toApply.entries()) {
      const applied = changes[index];
      if (applied)
        results.set(item.message.messageId, { ok: true, outcome: { ...applied, trace: item.trace } });
    }
    return { results, mode: 'together' };
  } catch (batchError) {
    for (const item of toApply) {
      const id = item.message.messageId;
      try {
        results.set(id, { ok: true, outcome: await withInPlaceRetries(() => applyMessage(deps, id)) });
      } catch (error) {
        results.set(id, { ok: false, error });
      }
    }
    return { results, mode: 'one_by_one', batchError };
  }
}

/**
 * Message ids in the order their messages were stored: ids are bigint sequence values as text, so a
 * shorter one is older. Ids that are not numbers (never stored) keep their place at the end.
 * @param ids - a batch's message ids
 */
export function inReceiptOrder(ids: readonly string[]): string[] {
  const numeric = (id: string) => /^\d+$/.test(id);
  return [
    ...ids.filter(numeric).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)),
    ...ids.filter((id) => !numeric(id)),
  ];
}

/**
 * Runs `work`, trying it again after each pause of {@link IN_PLACE_RETRY_DELAYS_MS} while it fails
 * for a reason other than the message itself.
 * @param work - a read or the applying of one message
 */
async function withInPlaceRetries<T>(work: () => Promise<T>): Promise<T> {
  for (const delayMs of IN_PLACE_RETRY_DELAYS_MS) {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UnprocessableMessageError) throw error;
      await sleep(delayMs);
    }
  }
  return work();
}
