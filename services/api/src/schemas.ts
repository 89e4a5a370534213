import { z } from 'zod';
import { CARE_ACTION_TYPES, displayPersonName, isFollowUpOverdue } from '@adt/adt';
import {
  EMPTY_CALL_CONTEXT,
  type CareAction,
  type CareActionSummary,
  type FollowUpDetail,
  type FollowUpView,
  type FollowUpWhereabouts,
  type StoredCallContext,
  type StoredMessage,
} from '@adt/db';
import {
  encounterContextShape,
  patientContextShape,
  toEncounterContextJson,
  toPatientContextJson,
} from './call-context-json.js';

const isoDateTime = z.string().describe('ISO-8601 instant');

/** The follow-up object of the interfaces spec. */
export const followUpSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['discharge', 'ed_visit']),
    status: z.enum(['open', 'in_progress', 'done', 'cancelled']),
    statusReason: z.string().nullable(),
    dueAt: isoDateTime,
    visitDueBy: isoDateTime.nullable(),
    priority: z.enum(['high', 'normal']),
    riskScore: z.number().int().nullable().describe('LACE index (0–19); 10 or more is high risk'),
    riskFlags: z
      .array(z.enum(['lace_high', 'ama', 'frequent_ed']))
      .describe(
        'Why the follow-up is high risk: LACE ≥ 10, left against medical advice, 4+ ED visits in 12 months',
      ),
    team: z.string(),
    inEdNow: z.boolean(),
    dischargeCancelled: z.boolean(),
    patient: z.object({
      mrn: z.string(),
      assigningAuthority: z.string(),
      name: z
        .string()
        .describe('"Family, Given Middle" in normal case (McDonald, O\'Brien); the parts as sent below'),
      familyName: z.string().describe('PID-5.1 as sent'),
      givenName: z.string().describe('PID-5.2 as sent'),
      birthDate: z.string().nullable(),
      sex: z.string(),
      phone: z.string().describe('The first PID-13 number (every number: `phones`)'),
      ...patientContextShape,
    }),
    encounter: z.object({
      facility: z.string().describe('Sending facility (MSH-4) code'),
      facilityName: z.string().describe("The facility's display name (`adt facility name`), else its code"),
      visitNumber: z.string(),
      patientClass: z.string(),
      admittedAt: isoDateTime.nullable(),
      dischargedAt: isoDateTime.nullable(),
      disposition: z.string(),
      diagnoses: z.array(z.object({ code: z.string(), text: z.string(), codingSystem: z.string() })),
      ...encounterContextShape,
    }),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    claimedBy: z
      .object({ actor: z.string(), name: z.string(), at: isoDateTime })
      .nullable()
      .describe('Who holds the follow-up: the latest claim, or the colleague of the latest hand-off'),
    failedAttempts: z
      .number()
      .int()
      .describe('Contact attempts that did not reach the patient; TCM asks for two when unreachable'),
    lastAttemptAt: isoDateTime
      .nullable()
      .describe('When the patient was last tried: the latest `contact_attempt` or `contact_made` (its `at`)'),
    patientInHospital: z
      .object({
        facility: z.string().describe('Sending facility (MSH-4) of the stay'),
        facilityName: z.string().describe('Its display name, else its code'),
        location: z.string().describe('Assigned location (PV1-3) as sent'),
        patientClass: z.string().describe('PV1-2: I inpatient, O observation, E emergency'),
        since: isoDateTime.describe('Admission (PV1-44), else when the stay was first recorded'),
      })
      .nullable()
      .describe(
        "An open inpatient, observation or ED stay (ED: arrival within 24 h) of the same person at any facility that began after this follow-up's event; null otherwise. Same person: the same record after merges, or any record sharing a PID-3 identifier and assigning authority with it, directly or through a chain",
      ),
    readmittedAt: isoDateTime
      .nullable()
      .describe(
        'The first inpatient or observation admission of the same person after the discharge (or ED visit) this follow-up is about, within 30 days (practice dates); null otherwise',
      ),
    supersededBy: z
      .string()
      .nullable()
      .describe(
        "The readmission's own discharge follow-up, when the same person was admitted again within 30 days of this discharge and that stay's discharge brought one. A superseded follow-up nobody logged work on reads as `cancelled` with reason `readmitted`; one with logged work stays to do",
      ),
    overdue: z
      .boolean()
      .describe(
        'Past due and still open or in progress, and the patient is not in hospital: the clock does not count while they are',
      ),
  })
  .meta({ id: 'FollowUp' });

export const careActionTypes = CARE_ACTION_TYPES;

const personSchema = z.object({
  actor: z.string().describe('As stored: `user:<username>`, or an API token'),
  name: z.string().describe('As people know them'),
});

export const careActionSchema = z
  .object({
    id: z.string(),
    type: z.enum(careActionTypes),
    outcome: z.string().nullable(),
    note: z.string().nullable(),
    at: isoDateTime,
    actor: z.string(),
    actorName: z.string().describe('The actor as people know them'),
    recordedAt: isoDateTime,
    previousHolder: personSchema
      .nullable()
      .describe('On a take-over (`claim` with `takeOver`) or a `hand_off`: who held the follow-up before'),
    handedTo: personSchema.nullable().describe('On a `hand_off`: the colleague who holds the follow-up now'),
  })
  .meta({ id: 'CareAction' });

/** The colleague holding a follow-up, in a 409 answer to a claim. */
export const holderSchema = personSchema.extend({
  username: z.string().nullable().describe('Their username (null when the claim came from an API token)'),
});

/** A 409 answer: the follow-up's state does not allow the action; a claim names the holder. */
export const conflictSchema = z
  .object({
    error: z.string(),
    message: z.string(),
    holder: holderSchema.optional().describe('On `claimed`: the colleague holding the follow-up'),
  })
  .meta({ id: 'Conflict' });

export const followUpDetailSchema = followUpSchema.and(
  z.object({
    sourceMessages: z.array(
      z
        .object({
          messageId: z.string(),
          eventType: z.string(),
          occurredAt: isoDateTime,
          receivedAt: isoDateTime,
          controlId: z.string(),
          note: z.string().nullable(),
        })
        .meta({ id: 'SourceMessage' }),
    ),
    actions: z.array(careActionSchema),
  }),
);

export const messageSchema = z
  .object({
    id: z.string(),
    receivedAt: isoDateTime,
    peerAddress: z.string().nullable(),
    sendingApplication: z.string(),
    sendingFacility: z.string(),
    controlId: z.string(),
    messageType: z.string(),
    versionId: z.string(),
    status: z.enum(['received', 'processed', 'duplicate', 'rejected', 'failed']),
    statusReason: z.string().nullable(),
    ackCode: z.string().nullable(),
    duplicateOf: z.string().nullable(),
    controlIdReused: z.boolean(),
    attempts: z.number(),
    correlationId: z.string(),
    processedAt: isoDateTime.nullable(),
    sandbox: z
      .boolean()
      .describe('A test-feed message: what it made is sandbox data, never seen by navigators'),
  })
  .meta({ id: 'StoredMessage' });

export const errorSchema = z.object({ error: z.string(), message: z.string() }).meta({ id: 'Error' });

/**
 * A list page as every paged list endpoint answers it.
 * @param item - schema of one item
 * @param id - its name in the OpenAPI document (each page schema is made once)
 */
export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

/**
 * A whole list, as the endpoints that answer every item at once give it.
 * @param item - schema of one item
 * @param id - its name in the OpenAPI document (each list schema is made once)
 */
export function listSchema<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item) }).meta({ id });
}

export const followUpPageSchema = pageSchema(followUpSchema, 'FollowUpPage');

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * What is read beside a follow-up: from the care-action log its holder (latest claim or hand-off)
 * and attempts, and names for actors; where the patient is now and whether they were readmitted;
 * the instant overdue is judged at.
 */
export interface FollowUpAnnotations {
  summaries: ReadonlyMap<string, CareActionSummary>;
  names: ReadonlyMap<string, string>;
  whereabouts: ReadonlyMap<string, FollowUpWhereabouts>;
  /** Due before this instant is overdue (now, or the end of the worklist's day). */
  overdueBefore: Date;
  /** Phones, contacts, language, coverage, reason for visit, attending, last attempt. */
  contexts: ReadonlyMap<string, StoredCallContext>;
  /** Display names of the facilities shown, by MSH-4 code. */
  facilityNames: ReadonlyMap<string, string>;
  /** `PRACTICE_LANGUAGE`, for the interpreter flag. */
  practiceLanguages: ReadonlySet<string>;
}

const NO_ANNOTATIONS: FollowUpAnnotations = {
  summaries: new Map(),
  names: new Map(),
  whereabouts: new Map(),
  overdueBefore: new Date(0),
  contexts: new Map(),
  facilityNames: new Map(),
  practiceLanguages: new Set(),
};

/**
 * The JSON form of a follow-up.
 * @param f - the follow-up as read from the database
 * @param annotations - claims, attempt counts and actor names
 */
export function toFollowUpJson(
  f: FollowUpView,
  annotations: FollowUpAnnotations = NO_ANNOTATIONS,
): z.infer<typeof followUpSchema> {
  const summary = annotations.summaries.get(f.id);
  const claim = summary?.claim ?? null;
  const whereabouts = annotations.whereabouts.get(f.id);
  const stay = whereabouts?.patientInHospital ?? null;
  const context = annotations.contexts.get(f.id) ?? EMPTY_CALL_CONTEXT;
  const facilityName = (code: string) => annotations.facilityNames.get(code) ?? code;
  const superseded = f.supersededWithoutWork;
  const status = superseded ? 'cancelled' : f.status;
  return {
    ...f,
    status,
    statusReason: superseded ? 'readmitted' : f.statusReason,
    dueAt: f.dueAt.toISOString(),
    visitDueBy: iso(f.visitDueBy),
    patient: {
      mrn: f.patient.mrn,
      assigningAuthority: f.patient.assigningAuthority,
      name: displayPersonName(f.patient.name),
      familyName: f.patient.name.family,
      givenName: f.patient.name.given,
      birthDate: f.patient.birthDate,
      sex: f.patient.sex,
      phone: f.patient.phone,
      ...toPatientContextJson(context, annotations.practiceLanguages),
    },
    encounter: {
      ...f.encounter,
      facilityName: facilityName(f.encounter.facility),
      admittedAt: iso(f.encounter.admittedAt),
      dischargedAt: iso(f.encounter.dischargedAt),
      ...toEncounterContextJson(context),
    },
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    claimedBy: claim
      ? {
          actor: claim.actor,
          name: annotations.names.get(claim.actor) ?? claim.actor,
          at: claim.at.toISOString(),
        }
      : null,
    failedAttempts: summary?.failedAttempts ?? 0,
    lastAttemptAt: iso(context.lastAttemptAt),
    patientInHospital: stay
      ? { ...stay, facilityName: facilityName(stay.facility), since: stay.since.toISOString() }
      : null,
    readmittedAt: iso(whereabouts?.readmittedAt ?? null),
    overdue: isFollowUpOverdue(
      { dueAt: f.dueAt, status, patientInHospital: stay !== null },
      annotations.overdueBefore,
    ),
  };
}

/**
 * The JSON form of a care action.
 * @param a - the stored action
 * @param names - names for people of actors
 */
export function toCareActionJson(
  a: CareAction,
  names: ReadonlyMap<string, string> = new Map(),
): z.infer<typeof careActionSchema> {
  const person = (actor: string | null) => (actor ? { actor, name: names.get(actor) ?? actor } : null);
  return {
    ...a,
    actorName: names.get(a.actor) ?? a.actor,
    previousHolder: person(a.previousHolder),
    handedTo: person(a.handedTo),
    at: a.at.toISOString(),
    recordedAt: a.recordedAt.toISOString(),
  };
}

/**
 * The JSON form of a follow-up with its history.
 * @param d - the detail as read from the database
 * @param annotations - its claim and attempt count, and names for actors
 */
export function toFollowUpDetailJson(
  d: FollowUpDetail,
  annotations: FollowUpAnnotations = NO_ANNOTATIONS,
): z.infer<typeof followUpDetailSchema> {
  return {
    ...toFollowUpJson(d, annotations),
    sourceMessages: d.sourceMessages.map((m) => ({
      ...m,
      occurredAt: m.occurredAt.toISOString(),
      receivedAt: m.receivedAt.toISOString(),
    })),
    actions: d.actions.map((a) => toCareActionJson(a, annotations.names)),
  };
}

/**
 * The JSON form of a stored message (metadata only; raw content is a separate field).
 * @param m - the stored message
 */
export function toMessageJson(m: StoredMessage): z.infer<typeof messageSchema> {
  return { ...m, receivedAt: m.receivedAt.toISOString(), processedAt: iso(m.processedAt) };
}
