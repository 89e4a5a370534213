/**
 * Raised when reopening a follow-up would give its visit two active follow-ups of one kind: a newer
 * one was opened between the caller's check and the reopen (the worker locks the encounter, not
 * this follow-up), and the unique index `follow_ups_one_active_per_kind` has the last word.
 */
export class ActiveDuplicateError extends Error {
  override readonly name = 'ActiveDuplicateError';
  readonly code = 'active_duplicate';
  constructor() {
    super('A newer follow-up for this visit is open; work on that one instead');
  }
}

/**
 * Whether a statement broke the one-active-follow-up-per-visit-and-kind index.
 * @param error - what the driver threw
 */
export function isActiveDuplicateViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === '23505' &&
    'constraint' in error &&
    error.constraint === 'follow_ups_one_active_per_kind'
  );
}
