/**
 * The roster file: CSV (comma-separated, UTF-8, optional BOM, fields quoted with `"` when needed)
 * with a header row naming these columns, in any order:
 *
 * | column | required | meaning |
 * |---|---|---|
 * | `identifier` | yes | the patient identifier (MRN) as the hospital feed sends it in PID-3.1 |
 * | `assigning_authority` | yes | its assigning authority (PID-3.4), or the sending facility (MSH-4) for feeds that leave PID-3.4 empty |
 * | `family_name` | no | family name |
 * | `given_name` | no | given name |
 * | `birth_date` | no | `YYYY-MM-DD` (or `YYYYMMDD`) |
 * | `sex` | no | HL7 administrative sex: `F`, `M`, `O`, `U`, `A`, `N`, `X` |
 * | `team` | no | the team inbox that follows the patient (a team added with `adt team add`); empty lets the team rules choose |
 * | `pcp` | no | primary care provider |
 *
 * Every column must be present in the header, even when its values are empty; other columns are
 * ignored. A patient (identifier + assigning authority) may appear once.
 */
import { parse } from 'csv-parse/sync';
import type { RosterEntryInput } from '@adt/db';

/** The header columns a roster file must have. */
export const ROSTER_COLUMNS = [
  'identifier',
  'assigning_authority',
  'family_name',
  'given_name',
  'birth_date',
  'sex',
  'team',
  'pcp',
] as const;

type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** HL7 table 0001 (administrative sex). */
const SEXES: ReadonlySet<string> = new Set(['F', 'M', 'O', 'U', 'A', 'N', 'X']);

/** A row that was not imported, and why (the message never repeats the row's values). */
export interface RosterProblem {
  /** 1-based line of the file where the row starts. */
  line: number;
  message: string;
}

/** A valid row with the line it came from. */
export interface RosterRow {
  line: number;
  entry: RosterEntryInput;
}

/** What a roster file holds: the rows to import and the rows rejected. */
export interface ParsedRoster {
  rows: RosterRow[];
  problems: RosterProblem[];
  /** Header columns that are not roster columns (ignored). */
  ignoredColumns: string[];
}

/** The file as a whole cannot be read as a roster (no header, missing columns). */
export class RosterFileError extends Error {
  override readonly name = 'RosterFileError';
  readonly code = 'invalid_roster_file';
}

/** A record as the parser gives it with `info: true`. */
interface CsvRecord {
  record: string[];
  info: { lines: number };
}

function isCsvRecord(value: unknown): value is CsvRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    'record' in value &&
    Array.isArray(value.record) &&
    'info' in value &&
    typeof value.info === 'object' &&
    value.info !== null &&
    'lines' in value.info &&
    typeof value.info.lines === 'number'
  );
}

function normalizeBirthDate(value: string): string | null | undefined {
  if (value === '') return null;
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, year = '', month = '', day = ''] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const iso = `${year}-${month}-${day}`;
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return undefined;
  return date.getTime() > Date.now() ? undefined : iso;
}

function validateRow(fields: Record<RosterColumn, string>): RosterEntryInput | string {
  if (fields.identifier === '') return 'identifier is empty';
  if (fields.assigning_authority === '') return 'assigning_authority is empty';
  const birthDate = normalizeBirthDate(fields.birth_date);
  if (birthDate === undefined) return 'birth_date is not a past date as YYYY-MM-DD';
  const sex = fields.sex.toUpperCase();
  if (sex !== '' && !SEXES.has(sex)) return `sex must be one of ${[...SEXES].join(', ')} or empty`;
  return {
    identifier: fields.identifier,
    assigningAuthority: fields.assigning_authority,
    familyName: fields.family_name,
    givenName: fields.given_name,
    birthDate,
    sex,
    team: fields.team,
    pcp: fields.pcp,
  };
}

/**
 * Reads and validates a roster file. Bad rows are reported with their line and left out; the rest
 * can be imported.
 * @param text - the file's content
 * @throws RosterFileError when the header is missing or lacks a roster column
 */
export function parseRosterCsv(text: string): ParsedRoster {
  const problems: RosterProblem[] = [];
  // CRLF is read as LF: the parser's line count is only exact for one-character line ends.
  const parsed: unknown[] = parse(text.replace(/\r\n?/g, '\n'), {
    bom: true,
    trim: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      // Malformed quoting: the parser gives up on the rest of the file after it.
      const line = typeof error?.lines === 'number' ? error.lines : 0;
      const message =
        error?.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quoted field runs to the end of the file; the rows after the last one read were lost'
          : `not valid CSV (${error?.code ?? 'parse error'})`;
      problems.push({ line, message });
      return undefined;
    },
  });
  const records = parsed.filter(isCsvRecord);

  const [header, ...body] = records;
  if (!header) throw new RosterFileError('the roster file is empty: it needs a header row');
  const names = header.record.map((name) => name.trim().toLowerCase());
  const missing = ROSTER_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw new RosterFileError(
      `the header lacks ${missing.join(', ')}; a roster needs the columns ${ROSTER_COLUMNS.join(', ')}`,
    );
  }
  const index = new Map(ROSTER_COLUMNS.map((column) => [column, names.indexOf(column)]));

  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    // Report where the row starts: a quoted field may span lines.
    const line = info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== names.length) {
      problems.push({ line, message: `has ${record.length} fields; the header has ${names.length}` });
      continue;
    }
    const fields = Object.fromEntries(
      ROSTER_COLUMNS.map((column) => [column, record[index.get(column) ?? -1] ?? '']),
    ) as Record<RosterColumn, string>;
    const entry = validateRow(fields);
    if (typeof entry === 'string') {
      problems.push({ line, message: entry });
      continue;
    }
    const key = `${entry.assigningAuthority}\u0000${entry.identifier}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ line, message: `the same patient as line ${earlier}` });
      continue;
    }
    seen.set(key, line);
    rows.push({ line, entry });
  }
  problems.sort((a, b) => a.line - b.line);
  return {
    rows,
    problems,
    ignoredColumns: names.filter((name) => !(ROSTER_COLUMNS as readonly string[]).includes(name)),
  };
}
