/** Raised for a message that can never be applied; the job must not retry. */
export class UnprocessableMessageError extends Error {
  override readonly name = 'UnprocessableMessageError';
  readonly code = 'unprocessable_message';
}
