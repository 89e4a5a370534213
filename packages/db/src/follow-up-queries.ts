import type { CareActionType, FollowUpKind, FollowUpStatus, Priority, RiskFlag, StayLimits } from '@adt/adt';
import { ActiveDuplicateError, isActiveDuplicateViolation } from './active-duplicate-error.js';
import { inHospitalFollowUpsCte, inHospitalParameters } from './follow-up-whereabouts.js';
import {
  matchingPatientsCte,
  matchingPatientsParameters,
  type PatientSearchTerms,
} from './patient-search.js';
import type { Queryable } from './pool.js';
import { liveRow } from './sandbox-rows.js';

/** A follow-up as the API and the inbox show it (the interfaces spec's follow-up object). */
export interface FollowUpView {
  id: string;
  kind: FollowUpKind;
  status: FollowUpStatus;
  statusReason: string | null;
  dueAt: Date;
  visitDueBy: Date | null;
  priority: Priority;
  /** LACE score (0–19); null for follow-ups created before risk was scored. */
  riskScore: number | null;
  /** Why the follow-up is high risk: `lace_high`, `ama`, `frequent_ed`. */
  riskFlags: RiskFlag[];
  team: string;
  inEdNow: boolean;
  dischargeCancelled: boolean;
  /** The readmission's discharge follow-up that supersedes this one (see `readmission-supersession.ts`). */
  supersededBy: string | null;
  /** Superseded and nobody logged work on it: it needs no call and reads as cancelled (`readmitted`). */
  supersededWithoutWork: boolean;
  patient: {
    mrn: string;
    assigningAuthority: string;
    name: { family: string; given: string; middle: string };
    birthDate: string | null;
    sex: string;
    phone: string;
  };
  encounter: {
    facility: string;
    visitNumber: string;
    patientClass: string;
    admittedAt: Date | null;
    dischargedAt: Date | null;
    disposition: string;
    diagnoses: { code: string; text: string; codingSystem: string }[];
  };
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A follow-up as {@link FOLLOW_UP_SELECT} reads it: the view but for the encounter's times, which
 * come as columns of their own so they arrive as dates rather than JSON text.
 */
type FollowUpRow = Omit<FollowUpView, 'encounter'> & {
  encounter: Omit<FollowUpView['encounter'], 'admittedAt' | 'dischargedAt'>;
  admittedAt: Date | null;
  dischargedAt: Date | null;
};

/**
 * SQL condition: follow-up `f` is superseded by a readmission's follow-up and nobody logged work on
 * it (a claim or hand-off is not work): it needs no call and reads as cancelled (`readmitted`).
 */
export const SUPERSEDED_WITHOUT_WORK = `(f.superseded_by IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM care_actions w
     WHERE w.follow_up_id = f.id AND w.type NOT IN ('claim', 'hand_off', 'reopen')))`;

/**
 * SQL condition: follow-up `f` is still to do: live, open or in progress, and not superseded
 * unworked. A sandbox follow-up is never anyone's work.
 */
export const STILL_TO_DO = `(f.status IN ('open', 'in_progress') AND ${liveRow('f')} AND NOT ${SUPERSEDED_WITHOUT_WORK})`;

// Columns named as the FollowUpView's fields, the patient and the encounter as objects.
const FOLLOW_UP_SELECT = `
  SELECT f.id, f.kind, f.status, f.status_reason AS "statusReason", f.due_at AS "dueAt",
         f.visit_due_by AS "visitDueBy", f.priority, f.risk_score AS "riskScore", f.risk_flags AS "riskFlags",
         f.team, f.in_ed_now AS "inEdNow", f.discharge_cancelled AS "dischargeCancelled",
         f.superseded_by AS "supersededBy",
         (f.status IN ('open', 'in_progress') AND ${SUPERSEDED_WITHOUT_WORK}) AS "supersededWithoutWork",
         json_build_object('mrn', p.mrn, 'assigningAuthority', p.assigning_authority,
                           'name', json_build_object('family', p.family_name, 'given', p.given_name,
                                                     'middle', p.middle_name),
                           'birthDate', to_char(p.birth_date, 'YYYY-MM-DD'), 'sex', p.sex, 'phone', p.phone)
           AS patient,
         json_build_object('facility', e.facility, 'visitNumber', e.visit_number, 'patientClass', e.patient_class,
                           'disposition', e.disposition, 'diagnoses', e.diagnoses) AS encounter,
         e.admitted_at AS "admittedAt", e.discharged_at AS "dischargedAt",
         f.created_at AS "createdAt", f.updated_at AS "updatedAt"
    FROM follow_ups f
    JOIN patients p ON p.id = f.patient_id
    JOIN encounters e ON e.id = f.encounter_id`;

/** Puts the encounter's times, read as dates, into its object. */
function toView({ admittedAt, dischargedAt, ...view }: FollowUpRow): FollowUpView {
  return { ...view, encounter: { ...view.encounter, admittedAt, dischargedAt } };
}

/** Filters for the daily list. */
export interface WorklistQuery {
  /** End of the list's day: follow-ups created after it are not on that day's list. */
  createdBefore: Date;
  /** Due before this instant counts as overdue (now for today, else the end of that day). */
  overdueBefore: Date;
  team?: string | undefined;
  /** Any of these teams (a navigator's one queue across their teams); undefined: every team. */
  teams?: readonly string[] | undefined;
  status?: 'open' | 'in_progress' | undefined;
  offset: number;
  limit: number;
  /** Observation codes (`OBSERVATION_CODES`) for the in-hospital check. */
  observationCodes: ReadonlySet<string>;
  /** The ED stay limit for the in-hospital check (`STAY_LIMITS`). */
  limits: StayLimits;
  /** The current instant for the in-hospital check; default now. */
  now?: Date | undefined;
}

/**
 * The daily follow-up list: open and in-progress follow-ups existing by the end of the day,
 * overdue first, then by due time, then by risk: high priority first, then the higher LACE score.
 * A follow-up whose patient (the same person, at any facility) is in hospital now is not overdue:
 * its clock waits until they leave.
 * @param query - day bounds, filters and page
 */
export async function listWorklist(db: Queryable, query: WorklistQuery): Promise<FollowUpView[]> {
  const [codes, edSince] = inHospitalParameters({
    observationCodes: query.observationCodes,
    now: query.now ?? new Date(),
    limits: query.limits,
  });
  const result = await db.query<FollowUpRow>(
    `WITH RECURSIVE ${inHospitalFollowUpsCte('$7::text[]', '$8::timestamptz')}
     ${FOLLOW_UP_SELECT}
       LEFT JOIN in_hospital_follow_ups ih ON ih.follow_up_id = f.id
      WHERE ${STILL_TO_DO}
        AND f.created_at <= $1
        AND ($3::text IS NULL OR f.team = $3)
        AND ($4::text IS NULL OR f.status = $4)
        AND ($9::text[] IS NULL OR f.team = ANY($9))
      ORDER BY (f.due_at < $2 AND ih.follow_up_id IS NULL) DESC, f.due_at ASC, (f.priority = 'high') DESC,
               f.risk_score DESC NULLS LAST, f.id ASC
      OFFSET $5 LIMIT $6`,
    [
      query.createdBefore,
      query.overdueBefore,
      query.team ?? null,
      query.status ?? null,
      query.offset,
      query.limit,
      codes,
      edSince,
      query.teams ?? null,
    ],
  );
  return result.rows.map(toView);
}

/** Filters for follow-up search. */
export interface FollowUpSearch {
  mrn?: string | undefined;
  kind?: FollowUpKind | undefined;
  status?: FollowUpStatus | undefined;
  facility?: string | undefined;
  team?: string | undefined;
  /** Any of these teams; undefined: every team. */
  teams?: readonly string[] | undefined;
  /** A patient by name, MRN or phone (`patientSearchTerms`). */
  patient?: PatientSearchTerms | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Exclusive upper bound on id, for paging newest first. */
  beforeId?: string | undefined;
  limit: number;
}

/**
 * Searches follow-ups, newest first. A patient search reads the matching patients through their
 * indexes first, then their follow-ups (`follow_ups_patient`).
 * @param search - filters and page
 */
export async function searchFollowUps(db: Queryable, search: FollowUpSearch): Promise<FollowUpView[]> {
  const result = await db.query<FollowUpRow>(
    `${search.patient ? `WITH ${matchingPatientsCte(11)}` : ''}
     ${FOLLOW_UP_SELECT}
      WHERE ($1::text IS NULL OR p.mrn = $1) AND ${liveRow('f')}
        ${search.patient ? 'AND f.patient_id IN (SELECT id FROM matching_patients)' : ''}
        AND ($10::text[] IS NULL OR f.team = ANY($10))
        AND ($2::text IS NULL OR f.kind = $2)
        AND ($3::text IS NULL OR f.status = $3)
        AND ($4::text IS NULL OR e.facility = $4)
        AND ($5::text IS NULL OR f.team = $5)
        AND ($6::timestamptz IS NULL OR f.created_at >= $6)
        AND ($7::timestamptz IS NULL OR f.created_at < $7)
        AND ($8::bigint IS NULL OR f.id < $8)
      ORDER BY f.id DESC
      LIMIT $9`,
    [
      search.mrn ?? null,
      search.kind ?? null,
      search.status ?? null,
      search.facility ?? null,
      search.team ?? null,
      search.from ?? null,
      search.to ?? null,
      search.beforeId ?? null,
      search.limit,
      search.teams ?? null,
      ...(search.patient ? matchingPatientsParameters(search.patient) : []),
    ],
  );
  return result.rows.map(toView);
}

/** A continuity-of-care action as stored. */
export interface CareAction {
  id: string;
  type: CareActionType;
  outcome: string | null;
  note: string | null;
  at: Date;
  actor: string;
  recordedAt: Date;
  /** Who held the follow-up before a take-over or a hand-off. */
  previousHolder: string | null;
  /** Who received a hand-off. */
  handedTo: string | null;
}

// Columns named as the CareAction's fields, so a row is the value.
export const CARE_ACTION_COLUMNS = `id, type, outcome, note, at, actor, recorded_at AS "recordedAt",
  previous_holder AS "previousHolder", handed_to AS "handedTo"`;

/** The kinds of continuity-of-care action a navigator logs (see `@adt/adt`'s care-action rules). */
export type { CareActionType } from '@adt/adt';

/** A source message of a follow-up's encounter. */
export interface SourceMessage {
  messageId: string;
  eventType: string;
  occurredAt: Date;
  receivedAt: Date;
  controlId: string;
  note: string | null;
}

/** One follow-up with its source messages and action history. */
export interface FollowUpDetail extends FollowUpView {
  sourceMessages: SourceMessage[];
  actions: CareAction[];
}

/**
 * One follow-up with everything the detail view shows.
 * @param id - follow-up id
 */
export async function findFollowUpDetail(db: Queryable, id: string): Promise<FollowUpDetail | null> {
  const found = await db.query<FollowUpRow & { encounterId: string }>(
    `${FOLLOW_UP_SELECT.replace('SELECT f.id,', 'SELECT f.encounter_id AS "encounterId", f.id,')} WHERE f.id = $1 AND ${liveRow('f')}`,
    [id],
  );
  const row = found.rows[0];
  if (!row) return null;
  const { encounterId, ...followUp } = row;
  const [messages, actions] = await Promise.all([
    db.query<SourceMessage>(
      `SELECT ee.message_id AS "messageId", ee.event_type AS "eventType", ee.occurred_at AS "occurredAt",
              m.received_at AS "receivedAt", m.control_id AS "controlId", ee.note
         FROM encounter_events ee JOIN inbound_messages m ON m.id = ee.message_id
        WHERE ee.encounter_id = $1 ORDER BY ee.occurred_at, ee.message_id`,
      [encounterId],
    ),
    listCareActions(db, id),
  ]);
  return { ...toView(followUp), sourceMessages: messages.rows, actions };
}

/**
 * The follow-up's actions in the order they were recorded.
 * @param followUpId - follow-up id
 */
export async function listCareActions(db: Queryable, followUpId: string): Promise<CareAction[]> {
  const result = await db.query<CareAction>(
    `SELECT ${CARE_ACTION_COLUMNS} FROM care_actions WHERE follow_up_id = $1 ORDER BY recorded_at, id`,
    [followUpId],
  );
  return result.rows;
}

const STATUS_AFTER_ACTION = {
  // A close ends the follow-up; the outcome is why.
  close: `UPDATE follow_ups SET status = 'done', status_reason = $2, closed_at = now(), updated_at = now()
           WHERE id = $1 AND status IN ('open', 'in_progress')`,
  // A reopen undoes a close: worked on before, so in progress, with no close reason or time.
  reopen: `UPDATE follow_ups SET status = 'in_progress', status_reason = NULL, closed_at = NULL, updated_at = now()
            WHERE id = $1 AND status = 'done'`,
  // Any other action starts an open follow-up.
  start: `UPDATE follow_ups SET status = 'in_progress', updated_at = now() WHERE id = $1 AND status = 'open'`,
} as const;

/**
 * Appends an action and moves the follow-up along: the first action starts it (in progress), a
 * close ends it (done), a reopen returns a closed one to in progress. Runs in the caller's
 * transaction; whether the action is allowed is the caller's decision.
 * @throws ActiveDuplicateError when a reopen meets a newer active follow-up of the visit
 * @param action - follow-up, action type, optional outcome/note, when it happened and who logged
 *   it; for a take-over or a hand-off, the previous holder, and for a hand-off, the receiver
 */
export async function appendCareAction(
  db: Queryable,
  action: {
    followUpId: string;
    type: CareActionType;
    outcome: string | null;
    note: string | null;
    at: Date;
    actor: string;
    previousHolder?: string | null;
    handedTo?: string | null;
  },
): Promise<CareAction> {
  const previousHolder = action.previousHolder ?? null;
  const handedTo = action.handedTo ?? null;
  const inserted = await db.query<{ id: string; recorded_at: Date }>(
    `INSERT INTO care_actions (follow_up_id, type, outcome, note, at, actor, previous_holder, handed_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, recorded_at`,
    [
      action.followUpId,
      action.type,
      action.outcome,
      action.note,
      action.at,
      action.actor,
      previousHolder,
      handedTo,
    ],
  );
  const row = inserted.rows[0];
  if (!row) throw new Error('insert returned no row');
  if (action.type === 'close') {
    await db.query(STATUS_AFTER_ACTION.close, [action.followUpId, action.outcome]);
  } else if (action.type === 'reopen') {
    await db.query(STATUS_AFTER_ACTION.reopen, [action.followUpId]).catch((error: unknown) => {
      throw isActiveDuplicateViolation(error) ? new ActiveDuplicateError() : error;
    });
  } else {
    await db.query(STATUS_AFTER_ACTION.start, [action.followUpId]);
  }
  return { ...action, id: row.id, recordedAt: row.recorded_at, previousHolder, handedTo };
}
