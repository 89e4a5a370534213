/**
 * `@adt/application`: the use cases of the follow-up path. Each calls the pure domain
 * (`@adt/adt`) and reads and writes through the repositories of `@adt/db`; the worker, the API
 * and the CLI call them rather than repeating them.
 */
export { applyMessage } from './apply-message.js';
export type { ApplyDeps, ApplyOutcome } from './apply-message.js';
export type { MergeContext, MergeResult } from './apply-merge.js';
export { applyMerge } from './apply-merge.js';
export type { CreatedFollowUp, EffectTarget } from './follow-up-effects.js';
export { applyFollowUpEffects } from './follow-up-effects.js';
export type {
  PlannedFollowUp,
  RoutedCreation,
  RoutingEncounter,
  RoutingSettings,
} from './follow-up-routing.js';
export { assessEncounterRisk, createRoutedFollowUp, updateRoutedFollowUp } from './follow-up-routing.js';
export type { BackfillOutcome, BackfillSettings } from './enrolment-backfill.js';
export { backfillFollowUps, importRoster } from './enrolment-backfill.js';
export { decodeHistoryEntry, eventVisit, patientKey, patientUpsert } from './message-reading.js';
export type { ProcessingSettings } from './processing-settings.js';
export type { ReplayOutcome } from './replay-encounter.js';
export { replayStoredEncounter } from './replay-encounter.js';
export type { ReplayDeps } from './replay-messages.js';
export { replayMessages } from './replay-messages.js';
export { UnprocessableMessageError } from './unprocessable-message-error.js';
export type { BatchItemResult, BatchOutcome } from './apply-message-batch.js';
export { applyMessageBatch } from './apply-message-batch.js';
