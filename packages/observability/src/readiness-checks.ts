import { ADT_EVENTS_QUEUE, type Queue } from '@adt/queue';
import type { ReadinessCheck } from './health-routes.js';

/** What `/readyz` and the `queue_paused` alert say about a paused queue. */
export const QUEUE_PAUSED_REASON = `the ${ADT_EVENTS_QUEUE} queue is paused: stored messages are not processed; resume it with POST /api/ops/queue/resume (docs/operations.md#queue-paused)`;

/**
 * Readiness of the ADT events queue: not ready while it is paused (nothing is processed, however
 * healthy Redis is), or while Redis does not answer.
 * @param queue - the ADT events queue
 */
export function queueActiveCheck(queue: Pick<Queue, 'isPaused'>): ReadinessCheck {
  return {
    name: 'queue',
    check: async () => ((await queue.isPaused()) ? { ok: false, reason: QUEUE_PAUSED_REASON } : true),
  };
}
