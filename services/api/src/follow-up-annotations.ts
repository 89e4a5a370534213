import { STAY_LIMITS } from '@adt/adt';
import type { AppConfig } from '@adt/config';
import {
  findActorNames,
  findCallContexts,
  findFacilityNames,
  findFollowUpWhereabouts,
  summarizeCareActions,
  type FollowUpView,
  type Queryable,
} from '@adt/db';
import type { FollowUpAnnotations } from './schemas.js';

/** What {@link annotateFollowUps} needs besides the follow-ups. */
export interface AnnotationSettings {
  /** Practice zone and observation codes (the in-hospital and readmission checks), languages. */
  practice: Pick<AppConfig['practice'], 'timeZone' | 'observationCodes' | 'languages'>;
  /** The current instant; default now. */
  now?: Date;
  /** Due before this instant is overdue; default `now` (the worklist of a later day: its end). */
  overdueBefore?: Date;
}

/**
 * Reads what the lists and the detail show beside each follow-up: the latest claim, the failed
 * attempts, names for people of the claimants and of `actors`, where the patient is now
 * (in hospital, readmitted), the call context and facility names, all in a few queries for the
 * whole page.
 * @param followUps - the follow-ups shown
 * @param actors - further actors to name (the detail's action log)
 * @param settings - practice settings and the instants overdue is judged at
 */
export async function annotateFollowUps(
  db: Queryable,
  followUps: readonly (Pick<FollowUpView, 'id'> & {
    encounter: Pick<FollowUpView['encounter'], 'facility'>;
  })[],
  actors: readonly string[],
  settings: AnnotationSettings,
): Promise<FollowUpAnnotations> {
  const ids = followUps.map((f) => f.id);
  const now = settings.now ?? new Date();
  const [summaries, whereabouts, contexts] = await Promise.all([
    summarizeCareActions(db, ids),
    findFollowUpWhereabouts(db, ids, {
      zone: settings.practice.timeZone,
      observationCodes: settings.practice.observationCodes,
      now,
      limits: STAY_LIMITS,
    }),
    findCallContexts(db, ids),
  ]);
  const claimants = [...summaries.values()].flatMap((s) => (s.claim ? [s.claim.actor] : []));
  const stays = [...whereabouts.values()].flatMap((w) =>
    w.patientInHospital ? [w.patientInHospital.facility] : [],
  );
  const [names, facilityNames] = await Promise.all([
    findActorNames(db, [...claimants, ...actors]),
    findFacilityNames(db, [...followUps.map((f) => f.encounter.facility), ...stays]),
  ]);
  return {
    summaries,
    names,
    whereabouts,
    overdueBefore: settings.overdueBefore ?? now,
    contexts,
    facilityNames,
    practiceLanguages: settings.practice.languages,
  };
}
