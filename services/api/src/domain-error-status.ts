/**
 * The HTTP status of each domain error a route lets through, keyed by the error's stable `code`
 * (the classes live in `@adt/db` and `@adt/webhooks`; the codes are theirs). The error handler answers
 * `{ error: code, message }` with it, and the FHIR routes' handler an OperationOutcome; a domain error not
 * listed here is a bug and answers 500 with its message hidden.
 */
export const DOMAIN_ERROR_STATUS: Readonly<Record<string, number>> = {
  // UserExistsError, TeamExistsError: the admin picked a name already taken.
  user_exists: 409,
  team_exists: 409,
  // ActiveDuplicateError: a reopen met a newer active follow-up of the visit.
  active_duplicate: 409,
  // UnknownTeamError, WeakPasswordError: the request itself needs changing.
  unknown_team: 400,
  weak_password: 400,
  // WebhookReceiverError: a subscription's receiver URL is malformed, not https, or not public.
  invalid_receiver: 400,
};

/** A domain error the API answers with a status of its own. */
export interface MappedDomainError {
  status: number;
  code: string;
  message: string;
}

/**
 * The status and public code of a domain error listed in {@link DOMAIN_ERROR_STATUS}; null for
 * anything else (a driver's error also has a `code`, e.g. Postgres' `23505`, and is not listed).
 * @param error - what a route threw
 */
export function mapDomainError(error: unknown): MappedDomainError | null {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return null;
  if (!Object.hasOwn(DOMAIN_ERROR_STATUS, error.code)) return null;
  const status = DOMAIN_ERROR_STATUS[error.code];
  if (status === undefined) return null;
  return { status, code: error.code, message: error.message };
}
