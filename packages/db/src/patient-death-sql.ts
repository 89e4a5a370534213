/**
 * A patient's death time (`patients.deceased_at`) as SQL: the event time of the earliest message
 * that said the patient died. A death stored without a time (recorded before the column) stays
 * unknown, which counts as before every event.
 */

/**
 * The `deceased_at` an update leaves: the earlier of the stored death's time and the sent one's.
 * Each argument is a column or a parameter of the statement.
 * @param storedDeceased - the row's flag
 * @param storedAt - the row's time
 * @param sentDeceased - the flag the update brings
 * @param sentAt - the time the update brings
 */
export function earliestDeath(
  storedDeceased: string,
  storedAt: string,
  sentDeceased: string,
  sentAt: string,
): string {
  return `CASE WHEN NOT ${sentDeceased} THEN ${storedAt}
               WHEN NOT ${storedDeceased} THEN ${sentAt}
               WHEN ${storedAt} IS NULL OR ${sentAt} IS NULL THEN NULL
               ELSE LEAST(${storedAt}, ${sentAt}) END`;
}
