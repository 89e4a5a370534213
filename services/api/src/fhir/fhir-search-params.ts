/**
 * FHIR search parameters to the criteria `@adt/db` queries take. A repeated parameter means all
 * must hold (a repeated identifier is refused: give its alternatives with commas); commas inside
 * one value separate alternatives. Anything this server does not
 * support — an unknown parameter, a modifier, a date prefix other than eq/gt/lt/ge/le — is a
 * 400, never silently ignored, so a client never mistakes an unfiltered answer for a filtered one.
 */
import type {
  FhirEncounterSearch,
  FhirEncounterStatus,
  FhirIdentifierCriterion,
  FhirPatientSearch,
  FhirTaskSearch,
  FhirTaskStatus,
} from '@adt/db';
import { authorityOfSystem, patientClassOfCode, V2_PATIENT_CLASS, V3_ACT_CODE } from './fhir-codes.js';
import { FhirError, invalidRequest } from './fhir-errors.js';
import {
  parseDate,
  periodRange,
  pointRange,
  startOfLocalDay,
  type DateCriterion,
} from './fhir-search-dates.js';

/** The query string as Fastify parses it: a repeated name gives an array. */
export type FhirQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Page size when `_count` is not given. */
export const DEFAULT_COUNT = 50;
/** The largest page; a larger `_count` is lowered to it (FHIR lets a server return fewer). */
export const MAX_COUNT = 200;
/** How deep paging goes; past it, narrow the search. */
export const MAX_OFFSET = 10_000;
const MAX_VALUE_LENGTH = 256;
const MAX_ALTERNATIVES = 50;
const MAX_REPEATS = 10;

/** Parameters every search takes besides its own. */
const RESULT_PARAMETERS = new Set(['_count', '_offset', '_format']);

/** The page a search asked for. */
export interface FhirPage {
  count: number;
  offset: number;
}

/** A parsed search: the criteria for the query and the page. */
export interface ParsedSearch<T> {
  criteria: T;
  page: FhirPage;
}

type Criteria<T> = Omit<T, 'teams' | 'offset' | 'limit'>;

export const ENCOUNTER_STATUSES: readonly FhirEncounterStatus[] = [
  'planned',
  'arrived',
  'in-progress',
  'finished',
  'cancelled',
  'unknown',
];
export const TASK_STATUSES: readonly FhirTaskStatus[] = ['ready', 'in-progress', 'completed', 'cancelled'];

/** The search parameters each resource supports, as the CapabilityStatement lists them. */
export const SEARCH_PARAMETERS = {
  Patient: ['_id', 'identifier', 'birthdate', '_revinclude'],
  Encounter: [
    '_id',
    'identifier',
    'patient',
    'subject',
    'patient.identifier',
    'subject.identifier',
    'subject:Patient.identifier',
    'date',
    'status',
    'class',
  ],
  Task: [
    '_id',
    'patient',
    'subject',
    'patient.identifier',
    'subject.identifier',
    'subject:Patient.identifier',
    'encounter',
    'status',
    'authored-on',
    'modified',
    'due-date',
  ],
} as const;

/** The resource types the server reads. */
export type FhirResourceType = keyof typeof SEARCH_PARAMETERS;

/** `_revinclude` values a Patient search takes: the patients' encounters and tasks. */
export const PATIENT_REVINCLUDES = [
  'Encounter:patient',
  'Encounter:subject',
  'Task:patient',
  'Task:subject',
] as const;

/** The resources a Patient search also returns (`search.mode = include`). */
export type PatientRevInclude = 'Encounter' | 'Task';

/**
 * `_revinclude` of a Patient search: which of the patients' resources to add.
 * @param query - the query string
 */
export function patientRevIncludes(query: FhirQuery): ReadonlySet<PatientRevInclude> {
  const included = new Set<PatientRevInclude>();
  for (const value of repeats(query, '_revinclude')) {
    for (const item of alternatives('_revinclude', value)) {
      if (!PATIENT_REVINCLUDES.some((r) => r === item)) {
        throw invalidRequest(`_revinclude must be one of ${PATIENT_REVINCLUDES.join(', ')}`);
      }
      included.add(item.startsWith('Encounter:') ? 'Encounter' : 'Task');
    }
  }
  return included;
}

function repeats(query: FhirQuery, name: string): string[] {
  const raw = query[name];
  if (raw === undefined) return [];
  const values = typeof raw === 'string' ? [raw] : [...raw];
  if (values.length > MAX_REPEATS) throw invalidRequest(`${name} is repeated more than ${MAX_REPEATS} times`);
  for (const value of values) {
    if (value.length > MAX_VALUE_LENGTH)
      throw invalidRequest(`${name} is longer than ${MAX_VALUE_LENGTH} characters`);
  }
  return values;
}

/** The alternatives of one value: split at commas not escaped as `\,`. */
function alternatives(name: string, value: string): string[] {
  const parts = value.split(/(?<!\\),/).map((p) => p.replace(/\\,/g, ','));
  if (parts.length > MAX_ALTERNATIVES)
    throw invalidRequest(`${name} has more than ${MAX_ALTERNATIVES} values`);
  if (parts.some((p) => p === '')) throw invalidRequest(`${name} has an empty value`);
  return parts;
}

/** Each repetition's alternatives, mapped; undefined when the parameter is absent. */
function anyOf<T>(
  query: FhirQuery,
  names: readonly string[],
  map: (value: string, name: string) => T,
): T[][] | undefined {
  const lists = names.flatMap((name) =>
    repeats(query, name).map((value) => alternatives(name, value).map((v) => map(v, name))),
  );
  return lists.length > 0 ? lists : undefined;
}

// This server's ids are positive integers; any other valid FHIR id names nothing here.
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const OUR_ID = /^[1-9]\d{0,17}$/;
/** An id no row has: the id columns start at 1. */
const NO_ROW = '0';

/**
 * A resource id in a read or search: a valid FHIR id that is not one of ours matches nothing.
 * @param value - the id as given
 */
export function resourceId(value: string): string {
  if (!FHIR_ID.test(value)) throw invalidRequest(`"${value}" is not a valid resource id`);
  return OUR_ID.test(value) ? value : NO_ROW;
}

/** A reference parameter's value: `123`, `Patient/123` or an absolute URL ending in `Patient/123`. */
function referenceId(type: 'Patient' | 'Encounter') {
  return (value: string, name: string): string => {
    const match = /^(?:(?:[a-z][a-z0-9+.-]*:\/\/\S*\/)?([A-Za-z]+)\/)?([^/]+)$/i.exec(value);
    if (!match?.[2]) throw invalidRequest(`${name} must be a ${type} reference such as ${type}/123`);
    if (match[1] !== undefined && match[1] !== type) throw invalidRequest(`${name} must refer to a ${type}`);
    return resourceId(match[2]);
  };
}

/** `system|value`, `|value` (no system) or `value` (any system). */
function identifierToken(value: string, name: string): FhirIdentifierCriterion {
  const bar = value.indexOf('|');
  if (bar < 0) return { assigningAuthority: null, value };
  const system = value.slice(0, bar);
  const code = value.slice(bar + 1);
  if (code === '') throw invalidRequest(`${name} needs a value after the "|"`);
  return { assigningAuthority: system === '' ? '' : authorityOfSystem(system), value: code };
}

function statusToken<T extends string>(allowed: readonly T[]) {
  return (value: string, name: string): T => {
    const code = value.includes('|') ? value.slice(value.indexOf('|') + 1) : value;
    const found = allowed.find((s) => s === code);
    if (!found) throw invalidRequest(`${name} must be one of ${allowed.join(', ')}`);
    return found;
  };
}

/** Encounter.class: an ActCode (EMER, IMP, AMB, PRENC) or a PV1-2 code of table 0004. */
function classToken(value: string, name: string): string {
  const bar = value.indexOf('|');
  const system = bar < 0 ? null : value.slice(0, bar);
  const code = (bar < 0 ? value : value.slice(bar + 1)).trim().toUpperCase();
  if (code === '') throw invalidRequest(`${name} needs a code`);
  if (system === V2_PATIENT_CLASS) return code;
  const fromActCode = patientClassOfCode(code);
  if (system === V3_ACT_CODE && !fromActCode)
    throw invalidRequest(`${name}: ${code} is not a class this server uses`);
  return fromActCode ?? code;
}

/** A date on instants: a date without a time covers its days in the practice's time zone. */
function instantDates(query: FhirQuery, name: string, zone: string): DateCriterion[] | undefined {
  const values = repeats(query, name);
  if (values.length === 0) return undefined;
  return values.map((value) => {
    const parsed = parseDate(value, name);
    if (parsed.instants) return { comparator: parsed.comparator, ...parsed.instants };
    const days = parsed.days as { start: string; end: string };
    return {
      comparator: parsed.comparator,
      start: startOfLocalDay(days.start, zone),
      end: startOfLocalDay(days.end, zone),
    };
  });
}

/** A date on a date column (birth date): no time allowed. */
function calendarDates(query: FhirQuery, name: string): DateCriterion<string>[] | undefined {
  const values = repeats(query, name);
  if (values.length === 0) return undefined;
  return values.map((value) => {
    const parsed = parseDate(value, name);
    if (!parsed.days) throw invalidRequest(`${name} is a date: give no time`);
    return { comparator: parsed.comparator, ...parsed.days };
  });
}

function integerParameter(query: FhirQuery, name: string, max: number): number | undefined {
  const values = repeats(query, name);
  if (values.length === 0) return undefined;
  if (values.length > 1) throw invalidRequest(`${name} may be given once`);
  const value = values[0] ?? '';
  if (!/^\d{1,9}$/.test(value)) throw invalidRequest(`${name} must be a whole number`);
  return Math.min(Number(value), max);
}

function parsePage(query: FhirQuery): FhirPage {
  const offsetValue = integerParameter(query, '_offset', Number.MAX_SAFE_INTEGER);
  if (offsetValue !== undefined && offsetValue > MAX_OFFSET) {
    throw invalidRequest(`_offset may not pass ${MAX_OFFSET}: narrow the search instead`);
  }
  return { count: integerParameter(query, '_count', MAX_COUNT) ?? DEFAULT_COUNT, offset: offsetValue ?? 0 };
}

/**
 * Refuses parameters the resource does not support, and an `_format` other than JSON.
 * @param supported - the resource's own parameters
 */
function assertKnownParameters(query: FhirQuery, type: FhirResourceType, supported: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (query[name] === undefined || RESULT_PARAMETERS.has(name) || supported.includes(name)) continue;
    throw invalidRequest(
      `${type} search does not support the parameter "${name}"; supported: ${[...supported, ...RESULT_PARAMETERS].join(', ')}`,
    );
  }
  for (const format of repeats(query, '_format')) {
    if (!['json', 'application/json', 'application/fhir+json'].includes(format.split(';')[0]?.trim() ?? '')) {
      throw new FhirError(406, 'not-supported', 'This server answers in JSON only (_format=json)');
    }
  }
}

/**
 * A token or reference parameter's values that every repetition allows (the repetitions of all
 * the names together); undefined when none is given.
 */
function allOf<T>(
  query: FhirQuery,
  names: readonly string[],
  map: (value: string, name: string) => T,
): T[] | undefined {
  const lists = anyOf(query, names, map);
  if (!lists) return undefined;
  return lists.reduce((kept, list) => kept.filter((value) => list.includes(value)));
}

/** An identifier parameter's alternatives: given once among the names. */
function identifiersOf(query: FhirQuery, names: readonly string[]): FhirIdentifierCriterion[] | undefined {
  const lists = anyOf(query, names, identifierToken);
  if (lists && lists.length > 1) {
    throw invalidRequest(`${names.join(' or ')} may be given once: separate alternatives with commas`);
  }
  return lists?.[0];
}

function idsOf(query: FhirQuery): string[] | undefined {
  return allOf(query, ['_id'], resourceId);
}

function instantRange(query: FhirQuery, name: string, zone: string) {
  const criteria = instantDates(query, name, zone);
  return criteria ? pointRange(criteria) : undefined;
}

function birthDateRange(query: FhirQuery) {
  const criteria = calendarDates(query, 'birthdate');
  return criteria ? pointRange(criteria) : undefined;
}

function encounterPeriod(query: FhirQuery, zone: string) {
  const criteria = instantDates(query, 'date', zone);
  return criteria ? periodRange(criteria) : undefined;
}

const PATIENT_IDENTIFIER_CHAINS = ['patient.identifier', 'subject.identifier', 'subject:Patient.identifier'];

/**
 * A Patient search.
 * @param query - the query string
 */
export function parsePatientSearch(query: FhirQuery): ParsedSearch<Criteria<FhirPatientSearch>> {
  assertKnownParameters(query, 'Patient', SEARCH_PARAMETERS.Patient);
  return {
    page: parsePage(query),
    criteria: {
      ids: idsOf(query),
      identifiers: identifiersOf(query, ['identifier']),
      birthDate: birthDateRange(query),
    },
  };
}

/**
 * An Encounter search.
 * @param query - the query string
 * @param zone - the practice's time zone, for dates without a time
 */
export function parseEncounterSearch(
  query: FhirQuery,
  zone: string,
): ParsedSearch<Criteria<FhirEncounterSearch>> {
  assertKnownParameters(query, 'Encounter', SEARCH_PARAMETERS.Encounter);
  return {
    page: parsePage(query),
    criteria: {
      ids: idsOf(query),
      identifiers: identifiersOf(query, ['identifier']),
      patientIds: allOf(query, ['patient', 'subject'], referenceId('Patient')),
      patientIdentifiers: identifiersOf(query, PATIENT_IDENTIFIER_CHAINS),
      period: encounterPeriod(query, zone),
      statuses: allOf(query, ['status'], statusToken(ENCOUNTER_STATUSES)),
      patientClasses: allOf(query, ['class'], classToken),
    },
  };
}

/**
 * A Task search.
 * @param query - the query string
 * @param zone - the practice's time zone, for dates without a time
 */
export function parseTaskSearch(query: FhirQuery, zone: string): ParsedSearch<Criteria<FhirTaskSearch>> {
  assertKnownParameters(query, 'Task', SEARCH_PARAMETERS.Task);
  return {
    page: parsePage(query),
    criteria: {
      ids: idsOf(query),
      patientIds: allOf(query, ['patient', 'subject'], referenceId('Patient')),
      patientIdentifiers: identifiersOf(query, PATIENT_IDENTIFIER_CHAINS),
      encounterIds: allOf(query, ['encounter'], referenceId('Encounter')),
      statuses: allOf(query, ['status'], statusToken(TASK_STATUSES)),
      authoredOn: instantRange(query, 'authored-on', zone),
      modified: instantRange(query, 'modified', zone),
      due: instantRange(query, 'due-date', zone),
    },
  };
}
