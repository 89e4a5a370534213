/**
 * Reads follow-ups for the FHIR API's Task: the follow-up, who holds it, and its care actions.
 * Queries only.
 */
import type { FollowUpKind, Priority } from '@adt/adt';
import { CARE_ACTION_COLUMNS, SUPERSEDED_WITHOUT_WORK, type CareAction } from './follow-up-queries.js';
import {
  commonParameters,
  MATCHING_PATIENTS,
  readSearchPage,
  type FhirIdentifierCriterion,
  type FhirRange,
  type FhirSearchPage,
} from './fhir-search-sql.js';
import type { Queryable } from './pool.js';

/** FHIR R4 Task.status values a follow-up takes. */
export type FhirTaskStatus = 'ready' | 'in-progress' | 'completed' | 'cancelled';

/** A follow-up as the FHIR Task is made from it. */
export interface FhirTaskRecord {
  id: string;
  kind: FollowUpKind;
  status: FhirTaskStatus;
  /** Why it was closed or cancelled (`readmitted` when a readmission superseded it unworked). */
  statusReason: string | null;
  dueAt: Date;
  priority: Priority;
  team: string;
  patientId: string;
  encounterId: string;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  /** The actor who holds it (latest claim or hand-off), null when nobody does. */
  holder: string | null;
  /** The care-action log, oldest first. */
  actions: CareAction[];
}

/** Criteria of a task search; each one given must hold (a list's entries are alternatives). */
export interface FhirTaskSearch extends FhirSearchPage {
  ids?: readonly string[] | undefined;
  /** The follow-up is one of these patients'. */
  patientIds?: readonly string[] | undefined;
  /** The follow-up's patient has one of these identifiers. */
  patientIdentifiers?: readonly FhirIdentifierCriterion[] | undefined;
  /** The follow-up is of one of these encounters. */
  encounterIds?: readonly string[] | undefined;
  statuses?: readonly FhirTaskStatus[] | undefined;
  /** Bounds on the creation time (Task.authoredOn). */
  authoredOn?: FhirRange | undefined;
  /** Bounds on the last change (Task.lastModified). */
  modified?: FhirRange | undefined;
  /** Bounds on the due time (Task.restriction.period.end). */
  due?: FhirRange | undefined;
}

/**
 * The FHIR status of follow-up `f`: open is ready (no one has acted yet), in progress, done is
 * completed, cancelled; one superseded by a readmission before anyone worked it is cancelled.
 */
export const FHIR_TASK_STATUS = `(CASE
    WHEN f.status IN ('open', 'in_progress') AND ${SUPERSEDED_WITHOUT_WORK} THEN 'cancelled'
    WHEN f.status = 'open' THEN 'ready'
    WHEN f.status = 'in_progress' THEN 'in-progress'
    WHEN f.status = 'done' THEN 'completed'
    ELSE 'cancelled'
  END)`;

/**
 * The follow-up `f` as the FHIR Task needs it (columns named as the record's fields, but for its
 * actions), and whether the teams in `$1` see it.
 */
const TASK_SELECT = `
  SELECT f.id::text AS id, f.kind, ${FHIR_TASK_STATUS} AS status,
         CASE WHEN f.status IN ('open', 'in_progress') AND ${SUPERSEDED_WITHOUT_WORK} THEN 'readmitted'
              ELSE f.status_reason END AS "statusReason",
         f.due_at AS "dueAt", f.priority, f.team, f.patient_id::text AS "patientId",
         f.encounter_id::text AS "encounterId", f.created_at AS "createdAt", f.updated_at AS "updatedAt",
         f.closed_at AS "closedAt",
         (SELECT coalesce(a.handed_to, a.actor) FROM care_actions a
           WHERE a.follow_up_id = f.id AND a.type IN ('claim', 'hand_off') ORDER BY a.id DESC LIMIT 1) AS holder,
         ($1::text[] IS NULL OR f.team = ANY($1::text[])) AS visible
    FROM follow_ups f`;

/**
 * A search's conditions: $1 teams, $2/$3 patient identifiers, $4 ids, $5 patients, $6
 * encounters, $7 statuses, $8–$13 bounds on the creation, last change and due times.
 */
const TASK_WHERE = `
  ($1::text[] IS NULL OR f.team = ANY($1::text[]))
  AND ($2::text[] IS NULL OR f.patient_id IN ${MATCHING_PATIENTS})
  AND ($4::bigint[] IS NULL OR f.id = ANY($4::bigint[]))
  AND ($5::bigint[] IS NULL OR f.patient_id = ANY($5::bigint[]))
  AND ($6::bigint[] IS NULL OR f.encounter_id = ANY($6::bigint[]))
  AND ($7::text[] IS NULL OR ${FHIR_TASK_STATUS} = ANY($7::text[]))
  AND ($8::timestamptz IS NULL OR f.created_at >= $8::timestamptz)
  AND ($9::timestamptz IS NULL OR f.created_at < $9::timestamptz)
  AND ($10::timestamptz IS NULL OR f.updated_at >= $10::timestamptz)
  AND ($11::timestamptz IS NULL OR f.updated_at < $11::timestamptz)
  AND ($12::timestamptz IS NULL OR f.due_at >= $12::timestamptz)
  AND ($13::timestamptz IS NULL OR f.due_at < $13::timestamptz)`;

type TaskRow = Omit<FhirTaskRecord, 'actions'> & { visible: boolean };

async function withActions(db: Queryable, rows: readonly TaskRow[]): Promise<FhirTaskRecord[]> {
  const actions = new Map<string, CareAction[]>();
  if (rows.length > 0) {
    const result = await db.query<CareAction & { followUpId: string }>(
      `SELECT follow_up_id::text AS "followUpId", ${CARE_ACTION_COLUMNS}
         FROM care_actions WHERE follow_up_id = ANY($1::bigint[]) ORDER BY recorded_at, id`,
      [rows.map((r) => r.id)],
    );
    for (const { followUpId, ...action } of result.rows) {
      const list = actions.get(followUpId) ?? [];
      list.push(action);
      actions.set(followUpId, list);
    }
  }
  return rows.map(({ visible, ...task }) => ({ ...task, actions: actions.get(task.id) ?? [] }));
}

/**
 * One follow-up by id, and whether the teams may see it; null when there is none.
 * @param id - a canonical integer id
 * @param teams - the caller's teams; undefined: every team
 */
export async function findFhirTask(
  db: Queryable,
  id: string,
  teams: readonly string[] | undefined,
): Promise<{ task: FhirTaskRecord; visible: boolean } | null> {
  const result = await db.query<TaskRow>(`${TASK_SELECT} WHERE f.id = $2::bigint`, [teams ?? null, id]);
  const row = result.rows[0];
  if (!row) return null;
  const [task] = await withActions(db, [row]);
  return task ? { task, visible: row.visible } : null;
}

/**
 * Follow-ups of the teams matching the criteria, newest first, and how many match in all.
 * @param search - criteria, teams and page
 */
export async function searchFhirTasks(
  db: Queryable,
  search: FhirTaskSearch,
): Promise<{ total: number; tasks: FhirTaskRecord[] }> {
  const params = [
    ...commonParameters(search.teams, search.patientIdentifiers),
    search.ids ?? null,
    search.patientIds ?? null,
    search.encounterIds ?? null,
    search.statuses ?? null,
    search.authoredOn?.from ?? null,
    search.authoredOn?.before ?? null,
    search.modified?.from ?? null,
    search.modified?.before ?? null,
    search.due?.from ?? null,
    search.due?.before ?? null,
  ];
  const { total, rows } = await readSearchPage<TaskRow>(
    db,
    {
      count: `SELECT count(*) AS total FROM follow_ups f WHERE ${TASK_WHERE}`,
      page: `${TASK_SELECT} WHERE ${TASK_WHERE} ORDER BY f.id DESC OFFSET $14 LIMIT $15`,
    },
    params,
    search,
  );
  return { total, tasks: await withActions(db, rows) };
}
