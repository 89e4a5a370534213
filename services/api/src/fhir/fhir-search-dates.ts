/** Date values of FHIR searches: prefixes, precision and the range a value covers. */
import { endOfLocalDay } from '@adt/adt';
import type { FhirPeriodRange, FhirRange } from '@adt/db';
import { invalidRequest } from './fhir-errors.js';

/** How a date search compares: FHIR's prefixes this server supports. */
export type DateComparator = 'eq' | 'gt' | 'lt' | 'ge' | 'le';

/**
 * One date criterion: the comparator and the range the searched value covers at its precision
 * (`2026-12` covers the whole month: `start` inclusive, `end` exclusive).
 */
export interface DateCriterion<T extends Date | string = Date> {
  comparator: DateComparator;
  start: T;
  end: T;
}

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
  comparator: DateComparator;
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

function later<T extends Date | string>(a: T | undefined, b: T): T {
  return a === undefined || a < b ? b : a;
}

function earlier<T extends Date | string>(a: T | undefined, b: T): T {
  return a === undefined || b < a ? b : a;
}

/**
 * The bounds all the criteria on a point in time (or a date) put together: `eq` keeps it inside
 * the value's range, `ge` from its start, `gt` from its end, `le` before its end, `lt` before
 * its start.
 * @param criteria - every repetition of the parameter
 */
export function pointRange<T extends Date | string>(criteria: readonly DateCriterion<T>[]): FhirRange<T> {
  let from: T | undefined;
  let before: T | undefined;
  for (const { comparator, start, end } of criteria) {
    if (comparator === 'eq' || comparator === 'ge') from = later(from, start);
    if (comparator === 'gt') from = later(from, end);
    if (comparator === 'eq' || comparator === 'le') before = earlier(before, end);
    if (comparator === 'lt') before = earlier(before, start);
  }
  return { from, before };
}

/**
 * The bounds all the criteria on a period put together, by FHIR's rules for ranges: `eq` needs
 * the period inside the value's range, `ge`/`gt` a period reaching to or past its start/end (an
 * open end reaches everything), `le`/`lt` one starting before its end/start.
 * @param criteria - every repetition of the parameter
 */
export function periodRange(criteria: readonly DateCriterion[]): FhirPeriodRange {
  const range: FhirPeriodRange = {};
  for (const { comparator, start, end } of criteria) {
    switch (comparator) {
      case 'eq':
        range.startsFrom = later(range.startsFrom, start);
        range.endsBefore = earlier(range.endsBefore, end);
        break;
      case 'ge':
        range.endsFrom = later(range.endsFrom, start);
        break;
      case 'gt':
        range.endsFrom = later(range.endsFrom, end);
        break;
      case 'le':
        range.startsBefore = earlier(range.startsBefore, end);
        break;
      case 'lt':
        range.startsBefore = earlier(range.startsBefore, start);
        break;
      default:
        comparator satisfies never;
    }
  }
  return range;
}
