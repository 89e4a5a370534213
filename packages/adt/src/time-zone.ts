import { Info } from 'luxon';

import { InvalidTimeZoneError } from './errors.js';

// Luxon builds a date formatter to validate a zone, which profiling showed as a sixth of the
// worker's CPU per message; a process meets only a handful of zones, so valid ones are remembered.
const knownZones = new Set<string>();

/**
 * Checks that a zone name is a valid IANA zone.
 *
 * Luxon quietly produces invalid dates for an unknown zone; failing loudly
 * here turns a typo in `PRACTICE_TZ` or a facility's zone into a clear error
 * instead of every follow-up silently losing its due date.
 *
 * @param zone - an IANA zone name such as `America/New_York`
 * @returns the same zone name
 * @throws InvalidTimeZoneError when the zone is unknown
 */
export function assertTimeZone(zone: string): string {
  if (knownZones.has(zone)) return zone;
  if (!Info.isValidIANAZone(zone)) {
    throw new InvalidTimeZoneError(zone);
  }
  knownZones.add(zone);
  return zone;
}
