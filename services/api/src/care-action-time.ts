import { HttpError } from './auth.js';

/** How far ahead of the server's clock an action's time may be (a device's clock runs fast). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Refuses a care action's time outside [the follow-up's event, now + {@link CLOCK_SKEW_MS}]: an
 * action cannot precede what it follows up, nor happen in the future (a typo in the year would
 * otherwise sort it to the top of the history for ever).
 * @param at - the time sent
 * @param eventAt - the follow-up's event time (discharge, or ED visit)
 * @param now - the server's clock
 * @throws HttpError 400 naming both limits
 */
export function assertCareActionTime(at: Date, eventAt: Date, now: Date): void {
  const latest = new Date(now.getTime() + CLOCK_SKEW_MS);
  if (at < eventAt || at > latest) {
    throw new HttpError(
      400,
      'bad_action_time',
      `at must lie between the follow-up's event (${eventAt.toISOString()}) and now plus 5 minutes (${latest.toISOString()})`,
    );
  }
}
