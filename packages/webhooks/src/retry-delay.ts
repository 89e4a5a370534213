/** The retry schedule of deliveries. */
export interface RetrySchedule {
  /** Delay before the first retry (within 10 s). */
  firstDelayMs: number;
  /** Longest delay between two attempts. */
  maxDelayMs: number;
}

/**
 * Delay before the next attempt after `failedAttempts` failures: the first delay, then doubling,
 * capped at the longest delay.
 * @param failedAttempts - attempts made so far (1 after the first failure)
 * @param schedule - first and longest delay
 */
export function webhookRetryDelayMs(failedAttempts: number, schedule: RetrySchedule): number {
  const exponent = Math.max(0, failedAttempts - 1);
  // 2^30 is far beyond any cap; it keeps the product finite.
  return Math.min(schedule.maxDelayMs, schedule.firstDelayMs * 2 ** Math.min(exponent, 30));
}
