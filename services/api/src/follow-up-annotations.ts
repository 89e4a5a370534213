import { findActorNames, summarizeCareActions, type FollowUpView, type Queryable } from '@adt/db';
import type { FollowUpAnnotations } from './schemas.js';

/**
 * Reads what the lists and the detail show beside each follow-up: the latest claim, the failed
 * attempts, and names for people of the claimants and of `actors`.
 * @param db - pool
 * @param followUps - the follow-ups shown
 * @param actors - further actors to name (the detail's action log)
 */
export async function annotateFollowUps(
  db: Queryable,
  followUps: readonly Pick<FollowUpView, 'id'>[],
  actors: readonly string[] = [],
): Promise<FollowUpAnnotations> {
  const summaries = await summarizeCareActions(
    db,
    followUps.map((f) => f.id),
  );
  const claimants = [...summaries.values()].flatMap((s) => (s.claim ? [s.claim.actor] : []));
  const names = await findActorNames(db, [...claimants, ...actors]);
  return { summaries, names };
}
