/** Date values of FHIR searches: prefixes, precision and the range a value covers. */
import { endOfLocalDay } from '@adt/adt';
import type { FhirDateCriterion } from '@adt/db';
import { invalidRequest } from './fhir-errors.js';

const DATE_VALUE =
  /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

function isoDay(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function validDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The first instant of a local day (the day before's end plus a millisecond). */
export function startOfLocalDay(day: string, zone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(endOfLocalDay(isoDay(y, m, d - 1), zone).getTime() + 1);
}

/** A date search value: its comparator and the range its precision covers. */
export interface ParsedDate {
  comparator: FhirDateCriterion['comparator'];
  /** The local days covered, `start` inclusive and `end` exclusive; null when a time was given. */
  days: { start: string; end: string } | null;
  /** The instants covered when a time was given. */
  instants: { start: Date; end: Date } | null;
}

/**
 * Reads a date search value: an optional prefix, then a year, month, day or time with its zone.
 * @param value - e.g. `ge2026-12-01`, `2026-12`, `lt2026-12-07T12:00:00Z`
 * @param name - the parameter, for the refusal's message
 */
export function parseDate(value: string, name: string): ParsedDate {
  const m = DATE_VALUE.exec(value);
  if (!m) throw invalidRequest(`${name} must be a date such as ge2026-12-01 or lt2026-12-07T12:00:00Z`);
  const [, prefix = 'eq', y, mo, d, hh, mi, ss, fraction, offset] = m;
  if (prefix !== 'eq' && prefix !== 'gt' && prefix !== 'lt' && prefix !== 'ge' && prefix !== 'le') {
    throw invalidRequest(`${name}: the prefix ${prefix} is not supported (use eq, gt, lt, ge or le)`);
  }
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  if (!validDay(year, month, day)) throw invalidRequest(`${name}: ${value} is not a valid date`);
  if (hh !== undefined && mi !== undefined) {
    if (offset === undefined) throw invalidRequest(`${name}: a time needs a zone (Z or ±hh:mm)`);
    const text = `${isoDay(year, month, day)}T${hh}:${mi}:${ss ?? '00'}${fraction ?? ''}${offset}`;
    const start = new Date(text);
    if (Number.isNaN(start.getTime()) || Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? 0) > 59) {
      throw invalidRequest(`${name}: ${value} is not a valid time`);
    }
    // The value's precision is its range: to the minute, the second or the millisecond.
    const stepMs = ss === undefined ? 60_000 : fraction === undefined ? 1000 : 1;
    return { comparator: prefix, days: null, instants: { start, end: new Date(start.getTime() + stepMs) } };
  }
  const start = isoDay(year, month, day);
  const end =
    d !== undefined
      ? isoDay(year, month, day + 1)
      : mo !== undefined
        ? isoDay(year, month + 1, 1)
        : isoDay(year + 1, 1, 1);
  return { comparator: prefix, days: { start, end }, instants: null };
}
