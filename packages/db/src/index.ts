export { createPool, withTransaction, isDatabaseReachable } from './pool.js';
export type { Queryable, CreatePoolOptions } from './pool.js';
export { migrateDatabase, MIGRATIONS_DIR } from './migrate.js';
export * from './message-repository.js';
export * from './inbound-message-batch.js';
export * from './message-status.js';
export * from './visit-lookup.js';
export * from './encounter-repository.js';
export * from './follow-up-repository.js';
export * from './merge-repository.js';
export * from './follow-up-queries.js';
export * from './same-person.js';
export * from './follow-up-whereabouts.js';
export * from './token-repository.js';
export * from './audit-repository.js';
export * from './roster-repository.js';
export * from './team-rule-repository.js';
export * from './follow-up-routing.js';
export * from './roster-backfill.js';
export * from './password-hash.js';
export * from './team-repository.js';
export * from './user-repository.js';
export * from './credential-check.js';
export * from './sign-in-failures.js';
export * from './session-repository.js';
export * from './follow-up-claims.js';
export * from './patient-search.js';
export * from './care-action-state.js';
export * from './audit-queries.js';
export * from './alert-state-repository.js';
export * from './feed-status-queries.js';
export * from './retention-repository.js';
export * from './message-history-queries.js';
export * from './census-queries.js';
export * from './measure-queries.js';
export { MEASURE_WORK_MEM, withMeasureWorkMem } from './measure-work-mem.js';
export * from './tcm-readiness-queries.js';
export * from './workload-queries.js';
export * from './team-lead-repository.js';
export * from './escalation-repository.js';
export * from './team-overview-queries.js';
export * from './patient-context-repository.js';
export * from './patient-context-queries.js';
export * from './facility-repository.js';
export {
  queueMergeSupersessionCheck,
  queueSupersessionCheck,
  settleSupersession,
} from './readmission-supersession.js';
