/**
 * Reads follow-ups for the FHIR API's Task: the follow-up, who holds it, and its care actions.
 * Queries only.
 */
import type { FollowUpKind, Priority } from '@adt/adt';
import { SUPERSEDED_WITHOUT_WORK, type CareAction } from './follow-up-queries.js';
import {
  patientIdentifierCondition,
  pointDateCondition,
  SqlParameters,
  whereClause,
  type FhirDateCriterion,
  type FhirIdentifierCriterion,
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

/** Criteria of a task search; each list present must match. */
export interface FhirTaskSearch extends FhirSearchPage {
  ids?: readonly string[] | undefined;
  /** Each entry: the follow-up is one of these patients'. */
  patientIds?: readonly (readonly string[])[] | undefined;
  /** Each entry: the follow-up's patient has one of these identifiers. */
  patientIdentifiers?: readonly (readonly FhirIdentifierCriterion[])[] | undefined;
  /** Each entry: the follow-up is of one of these encounters. */
  encounterIds?: readonly (readonly string[])[] | undefined;
  statuses?: readonly (readonly FhirTaskStatus[])[] | undefined;
  /** On the creation time (Task.authoredOn). */
  authoredOn?: readonly FhirDateCriterion[] | undefined;
  /** On the last change (Task.lastModified). */
  modified?: readonly FhirDateCriterion[] | undefined;
  /** On the due time (Task.restriction.period.end). */
  due?: readonly FhirDateCriterion[] | undefined;
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

function taskSelect(visible: string): string {
  return `
  SELECT f.id::text AS id, f.kind, ${FHIR_TASK_STATUS} AS status,
         CASE WHEN f.status IN ('open', 'in_progress') AND ${SUPERSEDED_WITHOUT_WORK} THEN 'readmitted'
              ELSE f.status_reason END AS status_reason,
         f.due_at, f.priority, f.team, f.patient_id::text AS patient_id, f.encounter_id::text AS encounter_id,
         f.created_at, f.updated_at, f.closed_at,
         (SELECT coalesce(a.handed_to, a.actor) FROM care_actions a
           WHERE a.follow_up_id = f.id AND a.type IN ('claim', 'hand_off') ORDER BY a.id DESC LIMIT 1) AS holder,
         ${visible} AS visible
    FROM follow_ups f`;
}

interface TaskRow {
  id: string;
  kind: FollowUpKind;
  status: FhirTaskStatus;
  status_reason: string | null;
  due_at: Date;
  priority: Priority;
  team: string;
  patient_id: string;
  encounter_id: string;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  holder: string | null;
  visible: boolean;
}

interface ActionRow {
  follow_up_id: string;
  id: string;
  type: CareAction['type'];
  outcome: string | null;
  note: string | null;
  at: Date;
  actor: string;
  recorded_at: Date;
  previous_holder: string | null;
  handed_to: string | null;
}

async function withActions(db: Queryable, rows: readonly TaskRow[]): Promise<FhirTaskRecord[]> {
  const actions = new Map<string, CareAction[]>();
  if (rows.length > 0) {
    const result = await db.query<ActionRow>(
      `SELECT follow_up_id::text AS follow_up_id, id::text AS id, type, outcome, note, at, actor, recorded_at,
              previous_holder, handed_to
         FROM care_actions WHERE follow_up_id = ANY($1::bigint[]) ORDER BY recorded_at, id`,
      [rows.map((r) => r.id)],
    );
    for (const a of result.rows) {
      const list = actions.get(a.follow_up_id) ?? [];
      list.push({
        id: a.id,
        type: a.type,
        outcome: a.outcome,
        note: a.note,
        at: a.at,
        actor: a.actor,
        recordedAt: a.recorded_at,
        previousHolder: a.previous_holder,
        handedTo: a.handed_to,
      });
      actions.set(a.follow_up_id, list);
    }
  }
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    statusReason: row.status_reason,
    dueAt: row.due_at,
    priority: row.priority,
    team: row.team,
    patientId: row.patient_id,
    encounterId: row.encounter_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    holder: row.holder,
    actions: actions.get(row.id) ?? [],
  }));
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
  const result = await db.query<TaskRow>(
    `${taskSelect('($2::text[] IS NULL OR f.team = ANY($2))')} WHERE f.id = $1`,
    [id, teams ?? null],
  );
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
  const params = new SqlParameters();
  const conditions: string[] = [];
  if (search.teams !== undefined) conditions.push(`f.team = ANY(${params.add(search.teams, 'text[]')})`);
  if (search.ids) conditions.push(`f.id = ANY(${params.add(search.ids, 'bigint[]')})`);
  for (const ids of search.patientIds ?? [])
    conditions.push(`f.patient_id = ANY(${params.add(ids, 'bigint[]')})`);
  for (const any of search.patientIdentifiers ?? []) {
    conditions.push(patientIdentifierCondition(params, 'f.patient_id', any));
  }
  for (const ids of search.encounterIds ?? []) {
    conditions.push(`f.encounter_id = ANY(${params.add(ids, 'bigint[]')})`);
  }
  for (const any of search.statuses ?? []) {
    conditions.push(`${FHIR_TASK_STATUS} = ANY(${params.add(any, 'text[]')})`);
  }
  for (const date of search.authoredOn ?? []) {
    conditions.push(pointDateCondition(params, 'f.created_at', date, 'timestamptz'));
  }
  for (const date of search.modified ?? []) {
    conditions.push(pointDateCondition(params, 'f.updated_at', date, 'timestamptz'));
  }
  for (const date of search.due ?? [])
    conditions.push(pointDateCondition(params, 'f.due_at', date, 'timestamptz'));
  const where = whereClause(conditions);
  const counted = await db.query<{ total: string }>(`SELECT count(*) AS total FROM follow_ups f ${where}`, [
    ...params.values,
  ]);
  const total = Number(counted.rows[0]?.total ?? 0);
  if (search.limit === 0 || total === 0) return { total, tasks: [] };
  const result = await db.query<TaskRow>(
    `${taskSelect('true')} ${where}
      ORDER BY f.id DESC OFFSET ${params.add(search.offset, 'integer')} LIMIT ${params.add(search.limit, 'integer')}`,
    params.values,
  );
  return { total, tasks: await withActions(db, result.rows) };
}
