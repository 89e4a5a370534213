/**
 * A patient's death time (`patients.deceased_at`) as SQL: the event time of the earliest message
 * that said the patient died. A death stored without a time (recorded before the column) stays
 * unknown, which counts as before every event.
 */

/** A death as columns or parameters of a statement: the flag and its time. */
export interface DeathColumns {
  deceased: string;
  at: string;
}

/**
 * The `deceased_at` an update leaves: the earlier of the stored death's time and the sent one's.
 * @param stored - the row's flag and time
 * @param sent - the flag and time the update brings
 */
export function earliestDeath(stored: DeathColumns, sent: DeathColumns): string {
  return `CASE WHEN NOT ${sent.deceased} THEN ${stored.at}
               WHEN NOT ${stored.deceased} THEN ${sent.at}
               WHEN ${stored.at} IS NULL OR ${sent.at} IS NULL THEN NULL
               ELSE LEAST(${stored.at}, ${sent.at}) END`;
}
