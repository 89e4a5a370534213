export { startFollowupWorker } from './followup-worker.js';
export type { RunningWorker } from './followup-worker.js';
// The use case lives in `@adt/application`; re-exported for the callers that start from the worker.
export { applyMessage, UnprocessableMessageError } from '@adt/application';
export type { ApplyDeps, ApplyOutcome } from '@adt/application';
