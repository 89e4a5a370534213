/**
 * A readmission's discharge brings its own follow-up; the earlier follow-up of the same person
 * (any facility) whose discharge the readmission followed within the readmission window is taken
 * over: cancelled as `readmitted` when no work was logged on it, else kept and flagged
 * (`superseded_by`) so the logged work stays visible. Runs in the processing transaction, right
 * after the new follow-up is created, so it applies exactly once with it.
 */
import { planSupersession } from '@adt/adt';
import { cancelFollowUp, findSupersessionCandidates, markFollowUpsSuperseded, type Queryable } from '@adt/db';

/**
 * Supersedes the earlier follow-ups a new discharge follow-up takes over.
 * @param db - the processing transaction
 * @param followUpId - the new discharge follow-up
 * @param zone - practice time zone (the window counts practice dates)
 * @returns the ids cancelled and the ids kept and flagged
 */
export async function supersedeEarlierFollowUps(
  db: Queryable,
  followUpId: string,
  zone: string,
): Promise<{ cancelled: string[]; kept: string[] }> {
  const plan = planSupersession(await findSupersessionCandidates(db, followUpId, zone));
  await markFollowUpsSuperseded(db, [...plan.cancel, ...plan.keep], followUpId);
  for (const id of plan.cancel) await cancelFollowUp(db, id, 'readmitted');
  return { cancelled: plan.cancel, kept: plan.keep };
}
