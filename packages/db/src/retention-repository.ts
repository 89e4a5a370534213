/**
 * Retention of raw HL7 (docs/operations.md#retention). Pruning erases the raw bytes of a message
 * and sets `pruned_at`; the row, its identity, content hash, status and ACK stay, so the history of
 * what was received and answered, duplicate detection and the encounter history keep working.
 *
 * Never pruned, whatever their age:
 * - messages still waiting (`received`) or `failed`: they must be processed or replayed;
 * - messages applied to an encounter that has an open or in-progress follow-up: the follow-up's
 *   source messages, which ops and navigators may need to read;
 * - messages of an encounter with any activity inside the retention window: a late event makes the
 *   worker replay the encounter's history from the stored messages.
 */
import type { Queryable } from './pool.js';

/** Options for {@link pruneRawMessages}. */
export interface PruneOptions {
  /** Messages received longer ago than this are candidates. */
  retentionDays: number;
  /** Most rows pruned by one call (one short transaction). */
  batchSize: number;
}

/**
 * Prunes one batch of messages the policy allows, oldest first. Rows another process is pruning
 * are skipped, so several workers can run the job together.
 * @param options - retention and batch size
 * @returns how many messages were pruned (fewer than the batch size: nothing more to do)
 */
export async function pruneRawMessages(db: Queryable, options: PruneOptions): Promise<number> {
  const result = await db.query(
    `WITH candidates AS (
       SELECT m.id FROM inbound_messages m
        WHERE m.raw IS NOT NULL
          AND m.status IN ('processed', 'duplicate', 'rejected')
          AND m.received_at < now() - make_interval(days => $1)
          AND NOT EXISTS (
                SELECT 1 FROM encounter_events ee
                  JOIN encounters e ON e.id = ee.encounter_id
                 WHERE ee.message_id = m.id
                   AND (e.updated_at >= now() - make_interval(days => $1)
                        OR EXISTS (SELECT 1 FROM follow_ups f
                                    WHERE f.encounter_id = e.id AND f.status IN ('open', 'in_progress'))))
        ORDER BY m.received_at
        LIMIT $2
        FOR UPDATE OF m SKIP LOCKED
     )
     UPDATE inbound_messages m
        SET raw = NULL, pruned_at = now(), updated_at = now()
       FROM candidates c
      WHERE m.id = c.id`,
    [options.retentionDays, options.batchSize],
  );
  return result.rowCount ?? 0;
}
