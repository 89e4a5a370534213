import { DateTime, FixedOffsetZone } from 'luxon';

import { assertTimeZone } from './time-zone.js';

/**
 * HL7 v2 DTM: `YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]`.
 * Each part is only allowed when the one before it is present, so reduced
 * precision (`YYYYMMDD`, `YYYYMMDDHHMM`) parses and a stray digit does not.
 */
const DTM_PATTERN =
  /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?)?)?(?:([+-])(\d{2})(\d{2}))?$/;

/** Real-world UTC offsets stay within -12:00 and +14:00. */
const MAX_OFFSET_HOURS = 14;
const MINUTES_PER_HOUR = 60;

interface DtmParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC, or null when the value carries no offset. */
  offsetMinutes: number | null;
  /** Whether the value is precise to the day (a birth date needs that). */
  hasDay: boolean;
}

/**
 * Splits a DTM into numbers. Missing parts take their lowest value, which is
 * how HL7 defines reduced precision (`202403` means the start of March).
 */
function splitDtm(raw: string): DtmParts | null {
  // TS values from v2.3–v2.5 may still carry a "degree of precision"
  // component (`20240310^D`); only the first component is the time.
  const value = (raw.split('^', 1)[0] ?? '').trim();
  const match = DTM_PATTERN.exec(value);
  if (match === null) {
    return null;
  }
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] = match;
  const parts: DtmParts = {
    year: Number(year),
    month: month === undefined ? 1 : Number(month),
    day: day === undefined ? 1 : Number(day),
    hour: hour === undefined ? 0 : Number(hour),
    minute: minute === undefined ? 0 : Number(minute),
    second: second === undefined ? 0 : Number(second),
    // Up to four fractional digits; a JS Date only holds milliseconds.
    millisecond: fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3)),
    offsetMinutes: null,
    hasDay: day !== undefined,
  };
  if (sign !== undefined && offsetHours !== undefined && offsetMinutes !== undefined) {
    const hours = Number(offsetHours);
    const minutes = Number(offsetMinutes);
    if (hours > MAX_OFFSET_HOURS || minutes >= MINUTES_PER_HOUR) {
      return null;
    }
    parts.offsetMinutes = (sign === '-' ? -1 : 1) * (hours * MINUTES_PER_HOUR + minutes);
  }
  // Luxon accepts hour 24 as "next midnight"; the DTM grammar does not. Year 0000 names no year
  // (1 BC is followed by AD 1), and Postgres refuses it as a date.
  if (parts.year === 0 || parts.hour > 23 || parts.minute > 59 || parts.second > 59) {
    return null;
  }
  return parts;
}

/**
 * Parses an HL7 v2 timestamp (DTM, or the TS data type's first component).
 *
 * Without an offset the value is wall-clock time in `defaultZone` (the
 * sending facility's zone). A local time that falls in a spring-forward gap
 * is moved forward by the gap; a time in the repeated autumn hour resolves
 * to its standard-time occurrence (the later instant). Both are Luxon's rules.
 *
 * @param raw - the field value, e.g. `20240310143000-0500` or `20240310`
 * @param defaultZone - IANA zone used when the value has no offset
 * @returns the instant, or null for an empty, malformed or impossible value
 * @throws InvalidTimeZoneError when `defaultZone` is not an IANA zone
 */
export function parseHl7Timestamp(raw: string, defaultZone: string): Date | null {
  assertTimeZone(defaultZone);
  const parts = splitDtm(raw);
  if (parts === null) {
    return null;
  }
  const zone = parts.offsetMinutes === null ? defaultZone : FixedOffsetZone.instance(parts.offsetMinutes);
  const parsed = DateTime.fromObject(
    {
      year: parts.year,
      month: parts.month,
      day: parts.day,
      hour: parts.hour,
      minute: parts.minute,
      second: parts.second,
      millisecond: parts.millisecond,
    },
    { zone },
  );
  return parsed.isValid ? parsed.toJSDate() : null;
}

/**
 * Parses an HL7 date (a birth date, PID-7) to `YYYY-MM-DD`.
 *
 * A longer DTM is accepted and only its date part is kept, without any zone
 * conversion: a birth date is a calendar date, and shifting it by an offset
 * would make it a different day.
 *
 * @param raw - `YYYYMMDD`, or a longer DTM starting with one
 * @returns the date, or null when the value is empty, malformed, impossible
 *   (`20230230`) or less precise than a day (`198001`)
 */
export function parseHl7Date(raw: string): string | null {
  const parts = splitDtm(raw);
  // A birth date needs a day: `1980` or `198001` cannot name one.
  if (parts === null || !parts.hasDay) {
    return null;
  }
  const date = DateTime.fromObject({ year: parts.year, month: parts.month, day: parts.day }, { zone: 'UTC' });
  return date.isValid ? date.toISODate() : null;
}
