export { startFollowupWorker } from './followup-worker.js';
export type { RunningWorker } from './followup-worker.js';
export { applyMessage, UnprocessableMessageError } from './apply-message.js';
export type { ApplyDeps, ApplyOutcome } from './apply-message.js';
