import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/** OperationOutcome issue codes the API answers with. */
export type FhirIssueCode = OperationOutcomeIssue['code'];

/**
 * A FHIR request the server refuses: the status and the OperationOutcome issue code the answer
 * carries, with a message the caller can act on (4xx only).
 */
export class FhirError extends Error {
  override readonly name = 'FhirError';
  readonly code = 'fhir_request_refused';
  constructor(
    readonly statusCode: number,
    readonly issueCode: FhirIssueCode,
    message: string,
  ) {
    super(message);
  }
}

/** A bad search or read: 400 `invalid` (unknown parameter, malformed value). */
export function invalidRequest(message: string): FhirError {
  return new FhirError(400, 'invalid', message);
}

/**
 * An OperationOutcome with one error issue.
 * @param code - the issue type (`invalid`, `not-found`, `forbidden`, `login`…)
 * @param diagnostics - what went wrong, in words
 */
export function operationOutcome(code: FhirIssueCode, diagnostics: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, diagnostics }],
  };
}

/**
 * The issue code of an HTTP status, for errors raised outside the FHIR routes' own checks
 * (authentication, roles, rate limits).
 * @param status - the HTTP status answered
 */
export function issueCodeOfStatus(status: number): FhirIssueCode {
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 405) return 'not-supported';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'exception';
  return 'invalid';
}
