import { readFile } from 'node:fs/promises';
import { importRoster, type BackfillOutcome, type BackfillSettings } from '@adt/application';
import { countUnattributedPatients, missingTeams, type createPool, type RosterImportResult } from '@adt/db';
import { parseRosterCsv, type RosterProblem } from './roster-csv.js';

type DatabasePool = ReturnType<typeof createPool>;

/** What `roster import` did. */
export interface RosterImportReport {
  /** Null when nothing was imported (no valid rows, or `--replace` with rejected rows). */
  imported: RosterImportResult | null;
  rejected: RosterProblem[];
  ignoredColumns: string[];
  backfill: BackfillOutcome | null;
  unattributed: number;
}

/**
 * Imports a roster file in one transaction: valid rows are added or refreshed, newly enrolled
 * patients are back-filled (see `importRoster` in `@adt/application`).
 * Rejected rows are reported and left out; with `replace`, any rejected row stops the import,
 * because leaving a row out would remove that patient from the roster.
 * @param file - path of the CSV file
 * @param options - `replace`: the file is the whole roster; back-fill settings
 */
export async function importRosterFile(
  pool: DatabasePool,
  file: string,
  options: { replace: boolean; backfill: Omit<BackfillSettings, 'now'> },
): Promise<RosterImportReport> {
  const parsed = parseRosterCsv(await readFile(file, 'utf8'));
  // A team nobody added would be an inbox nobody reads: such rows are rejected like bad ones.
  const unknownTeams = new Set(
    await missingTeams(pool, [...new Set(parsed.rows.map((row) => row.entry.team).filter(Boolean))]),
  );
  const rows = parsed.rows.filter((row) => !unknownTeams.has(row.entry.team));
  const problems = [
    ...parsed.problems,
    ...parsed.rows
      .filter((row) => unknownTeams.has(row.entry.team))
      .map((row) => ({
        line: row.line,
        message: `no team ${row.entry.team}; add it first (adt team add <name>)`,
      })),
  ].sort((a, b) => a.line - b.line);
  const report: RosterImportReport = {
    imported: null,
    rejected: problems,
    ignoredColumns: parsed.ignoredColumns,
    backfill: null,
    unattributed: 0,
  };
  const blocked = options.replace && problems.length > 0;
  if (rows.length > 0 && !blocked) {
    const { imported, backfill } = await importRoster(
      pool,
      rows.map((row) => row.entry),
      { replace: options.replace, actor: 'cli', backfill: options.backfill },
    );
    report.imported = imported;
    report.backfill = backfill;
  }
  report.unattributed = await countUnattributedPatients(pool);
  return report;
}

/**
 * The report as lines for the operator: a summary on stdout, rejected rows on stderr.
 * @param report - what the import did
 * @param replace - whether `--replace` was asked for
 */
export function describeRosterImport(
  report: RosterImportReport,
  replace: boolean,
): { out: string[]; err: string[] } {
  const err = report.rejected.map((problem) => `line ${problem.line}: ${problem.message}`);
  if (report.ignoredColumns.length > 0) err.push(`ignored columns: ${report.ignoredColumns.join(', ')}`);
  const out: string[] = [];
  const imported = report.imported;
  if (imported === null) {
    out.push(
      replace && report.rejected.length > 0
        ? `nothing imported: --replace needs every row valid (${report.rejected.length} rejected)`
        : 'nothing imported: no valid rows',
    );
  } else {
    const total = imported.inserted + imported.updated + imported.reactivated;
    out.push(
      `imported ${total} roster entries: ${imported.inserted} new, ${imported.updated} updated, ` +
        `${imported.reactivated} re-enrolled, ${imported.removed} removed; ${report.rejected.length} rows rejected`,
    );
  }
  if (report.backfill) {
    out.push(
      `back-filled ${report.backfill.created.length} follow-ups ` +
        `(${report.backfill.pastDue} already past due, not created)`,
    );
  }
  out.push(`unattributed patients: ${report.unattributed}`);
  return { out, err };
}
