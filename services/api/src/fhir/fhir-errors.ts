import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { HttpError } from '../auth.js';
import { mapDomainError } from '../domain-error-status.js';

/** The content type of every FHIR answer. */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

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
  if (status === 405 || status === 415) return 'not-supported';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'exception';
  return 'invalid';
}

/**
 * The error handler of the FHIR scopes: every refusal (authentication, roles, rate limits, bad
 * input, domain errors by their status in DOMAIN_ERROR_STATUS) is an OperationOutcome with the
 * status the JSON API would answer; 5xx say nothing of the cause.
 * @param error - what the route, a hook or a parser threw
 * @param request - the request
 * @param reply - the reply
 */
export function sendFhirError(
  error: FastifyError | FhirError | HttpError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const status = mapDomainError(error)?.status ?? error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'fhir request failed');
    return reply.code(500).type(FHIR_JSON).send(operationOutcome('exception', 'Internal error'));
  }
  const code = error instanceof FhirError ? error.issueCode : issueCodeOfStatus(status);
  if (status === 401) void reply.header('www-authenticate', 'Bearer');
  return reply.code(status).type(FHIR_JSON).send(operationOutcome(code, error.message));
}
