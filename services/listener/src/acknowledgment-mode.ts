/**
 * Original and enhanced acknowledgment modes (HL7 v2 chapter 2.9): which acknowledgments a
 * sender asked for, and with which codes.
 *
 * - Original mode (MSH-15 and MSH-16 both empty): one ACK per message, AA/AE/AR, sent once the
 *   message is committed (or refused).
 * - Enhanced mode (either field valued): a commit ACK CA/CE/CR when MSH-15 asks for it (empty
 *   MSH-15 means AL), and an application ACK AA/AE/AR when MSH-16 asks for it (empty MSH-16 means
 *   NE), sent once the worker has processed the message. A message refused at intake never
 *   reaches the application, so it gets one negative ACK: the commit one when MSH-15 asks for
 *   errors, else the application one when MSH-16 does.
 */
import type { AckCode } from '@adt/hl7';

/** HL7 table 0155: AL always, NE never, ER only on error, SU only on success. */
export type AckCondition = 'AL' | 'NE' | 'ER' | 'SU';

/** What the sender of one message asked for. */
export interface AcknowledgmentMode {
  enhanced: boolean;
  /** When to send the commit ACK (original mode: always). */
  accept: AckCondition;
  /** When to send an application ACK (original mode: never; the one ACK answers). */
  application: AckCondition;
}

/** How intake ended for a message. */
export type IntakeOutcome = 'accept' | 'error' | 'reject';

const CONDITIONS = ['AL', 'NE', 'ER', 'SU'] as const;

/**
 * Reads MSH-15 and MSH-16.
 * @param header - the message's MSH fields, or null when it could not be read (original mode)
 */
export function acknowledgmentModeOf(
  header: { acceptAckType: string; applicationAckType: string } | null,
): AcknowledgmentMode {
  if (header === null || (header.acceptAckType === '' && header.applicationAckType === '')) {
    return { enhanced: false, accept: 'AL', application: 'NE' };
  }
  return {
    enhanced: true,
    accept: conditionOf(header.acceptAckType, 'AL'),
    application: conditionOf(header.applicationAckType, 'NE'),
  };
}

/**
 * Whether an acknowledgment is due under a condition.
 * @param condition - MSH-15 or MSH-16
 * @param success - whether the acknowledgment is positive
 */
export function conditionMet(condition: AckCondition, success: boolean): boolean {
  switch (condition) {
    case 'AL':
      return true;
    case 'NE':
      return false;
    case 'ER':
      return !success;
    case 'SU':
      return success;
    default:
      return condition satisfies never;
  }
}

/**
 * The code of the acknowledgment sent at intake: AA/AE/AR, or CA/CE/CR in enhanced mode.
 * @param mode - from {@link acknowledgmentModeOf}
 * @param outcome - how intake ended
 */
export function commitAckCode(mode: AcknowledgmentMode, outcome: IntakeOutcome): AckCode {
  if (outcome === 'accept') return mode.enhanced ? 'CA' : 'AA';
  if (outcome === 'error') return mode.enhanced ? 'CE' : 'AE';
  return mode.enhanced ? 'CR' : 'AR';
}

/**
 * The code of an application acknowledgment.
 * @param outcome - accept (processed), error or reject
 */
export function applicationAckCode(outcome: IntakeOutcome): 'AA' | 'AE' | 'AR' {
  if (outcome === 'accept') return 'AA';
  return outcome === 'error' ? 'AE' : 'AR';
}

/** Unknown values are read as AL: an acknowledgment too many is safer than a silent sender. */
function conditionOf(value: string, empty: AckCondition): AckCondition {
  const code = value.trim().toUpperCase();
  if (code === '') return empty;
  return CONDITIONS.find((condition) => condition === code) ?? 'AL';
}
