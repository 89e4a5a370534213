/**
 * Builds the census from the stored encounters: reads the candidates, the team rules and the
 * default team, and sorts each encounter into the census sections with the rules of `@adt/adt`.
 */
import type pg from 'pg';
import {
  censusClassOf,
  censusFollowUpKind,
  chooseTeam,
  isInHospital,
  noFollowUpReason,
  postAcuteDestination,
  reasonForVisit,
  stayEndedAt,
  type CensusClass,
  type NoFollowUpReason,
} from '@adt/adt';
import { listCensusCandidates, listTeamRules, resolveDefaultTeam, type CensusRow } from '@adt/db';

/** Post-acute discharges and encounters without a follow-up are shown this far back. */
export const CENSUS_WINDOW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The census sections, each a list of its own. */
export const censusSections = ['in_hospital', 'post_acute', 'no_follow_up'] as const;
export type CensusSection = (typeof censusSections)[number];

/** One encounter as the census shows it. */
export interface CensusEntry {
  row: CensusRow;
  censusClass: CensusClass | null;
  reasonForVisit: string | null;
  /** When the stay ended (PV1-45, else its A03), null while it has not. */
  endedAt: Date | null;
  destination: string | null;
  noFollowUpReason: NoFollowUpReason | null;
  /** Null for a patient off a loaded roster: no team follows them, so only admins see them. */
  team: string | null;
}

/** The census, section by section, each sorted as shown. */
export type Census = Record<CensusSection, CensusEntry[]>;

/**
 * The team an encounter belongs to: its latest follow-up's; without one, the team routing would
 * choose for it (roster, team rules, default team); none for a patient off a loaded roster.
 */
function teamOf(row: CensusRow, rules: Parameters<typeof chooseTeam>[1], defaultTeam: string): string | null {
  const latest = row.followUps.at(-1);
  if (latest) return latest.team;
  if (!row.attributed) return null;
  return chooseTeam(
    {
      rosterTeam: row.rosterTeam,
      facility: row.facility,
      kind: censusFollowUpKind(row.patientClass),
      patientClass: row.patientClass,
    },
    rules,
    defaultTeam,
  ).team;
}

const time = (d: Date | null) => d?.getTime() ?? 0;

/**
 * Reads and sorts the census.
 * @param options - the team to show (undefined: every team), observation codes, `DEFAULT_TEAM`, now
 */
export async function buildCensus(
  pool: pg.Pool,
  options: {
    team: string | undefined;
    observationCodes: ReadonlySet<string>;
    defaultTeam: string | null;
    now: Date;
  },
): Promise<Census> {
  const { now, observationCodes } = options;
  const windowStart = new Date(now.getTime() - CENSUS_WINDOW_DAYS * DAY_MS);
  const [rows, rules, defaultTeam] = await Promise.all([
    listCensusCandidates(pool, { since: windowStart, observationCodes }),
    listTeamRules(pool),
    resolveDefaultTeam(pool, options.defaultTeam),
  ]);
  const census: Census = { in_hospital: [], post_acute: [], no_follow_up: [] };
  for (const row of rows) {
    const team = teamOf(row, rules, defaultTeam);
    if (options.team !== undefined && team !== options.team) continue;
    const encounter = { ...row, patientDeceased: row.patient.deceased };
    const endedAt = stayEndedAt(encounter);
    const entry: CensusEntry = {
      row,
      censusClass: censusClassOf(row, observationCodes),
      reasonForVisit: reasonForVisit(row.diagnoses, row.admitReason),
      endedAt,
      destination: postAcuteDestination(row.disposition),
      noFollowUpReason: noFollowUpReason(encounter, observationCodes, now),
      team,
    };
    if (isInHospital(encounter, observationCodes, now)) census.in_hospital.push(entry);
    if (entry.destination !== null && endedAt !== null && endedAt >= windowStart)
      census.post_acute.push(entry);
    if (entry.noFollowUpReason !== null && time(row.lastEventAt) >= windowStart.getTime())
      census.no_follow_up.push(entry);
  }
  // Newest admissions and discharges first; the rest by their latest event (as read).
  census.in_hospital.sort((a, b) => time(b.row.since) - time(a.row.since));
  census.post_acute.sort((a, b) => time(b.endedAt) - time(a.endedAt));
  return census;
}
