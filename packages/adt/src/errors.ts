/**
 * Domain errors raised by the date helpers. They signal a programming or
 * configuration mistake (a bad zone name, a malformed local date), never bad
 * HL7 input: HL7 parsers return `null` for that so a worker can fall back.
 */

/** Thrown when a time zone name is not a valid IANA zone. */
export class InvalidTimeZoneError extends Error {
  override readonly name = 'InvalidTimeZoneError';
  /** Stable code for callers that switch on errors. */
  readonly code = 'INVALID_TIME_ZONE';

  /**
   * @param zone - the rejected zone name (configuration, not patient data)
   */
  constructor(readonly zone: string) {
    super(`not a valid IANA time zone: ${zone}`);
  }
}

/**
 * Thrown when a local date is not a real 'YYYY-MM-DD' calendar date.
 * The value is left out of the message on purpose: dates tied to a patient
 * are protected health information and error messages end up in logs.
 */
export class InvalidLocalDateError extends Error {
  override readonly name = 'InvalidLocalDateError';
  /** Stable code for callers that switch on errors. */
  readonly code = 'INVALID_LOCAL_DATE';

  constructor() {
    super("expected a calendar date as 'YYYY-MM-DD'");
  }
}
