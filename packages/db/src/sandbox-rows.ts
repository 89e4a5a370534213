/**
 * Test feeds: a message received while its facility was in test mode, or with MSH-11 `T`, is a
 * sandbox message. The worker applies it in its own identity namespace (`@adt/hl7`
 * `sandboxAdtMessage`: assigning authorities and visit numbers prefixed `sandbox:`), so it never
 * reaches a live patient, encounter or follow-up; database triggers set `sandbox = true` on every
 * patient, encounter and follow-up made in that namespace.
 */

/**
 * SQL condition: the row under `alias` is live data, not the sandbox of a test feed. Patients,
 * encounters, follow-ups and inbound messages each carry `sandbox` (see the migration
 * `facility-interface-settings`); every navigator-facing read (worklists, search, census, measures,
 * escalations, team overview, workload) keeps only live rows with this condition.
 * @param alias - the table alias in the statement (`f`, `e`, `p`, `m`)
 */
export function liveRow(alias: string): string {
  return `NOT ${alias}.sandbox`;
}
