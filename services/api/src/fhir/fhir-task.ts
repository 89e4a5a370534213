/**
 * A follow-up as a FHIR R4 Task: what the navigator must do for a patient after an encounter.
 * `for` is the patient, `encounter` and `focus` the encounter that caused it, `owner` who holds
 * it (the latest claim or hand-off), `restriction.period.end` the due time, and the care-action
 * log is `note` (every action) and `output` (the outcomes: contacts, appointments, the close).
 */
import { followUpKindLabel } from '@adt/adt';
import { userActor, type CareAction, type FhirTaskRecord } from '@adt/db';
import type { Annotation, Task, TaskOutput } from '@medplum/fhirtypes';
import { CARE_ACTION_SYSTEM, FOLLOW_UP_KIND_SYSTEM, USERNAME_SYSTEM } from './fhir-codes.js';

/** How a person (not a token) is written in the care-action log: `user:<username>`. */
const USER_ACTOR_PREFIX = userActor('');

/** Care actions whose outcome is a result of the task. */
const OUTPUT_TYPES: ReadonlySet<CareAction['type']> = new Set([
  'contact_attempt',
  'contact_made',
  'appointment_scheduled',
  'med_reconciliation',
  'close',
]);

function actionText(action: CareAction, names: ReadonlyMap<string, string>): string {
  const parts: string[] = [action.type.replace(/_/g, ' ')];
  if (action.outcome) parts.push(`(${action.outcome})`);
  if (action.handedTo) parts.push(`to ${names.get(action.handedTo) ?? action.handedTo}`);
  const head = parts.join(' ');
  return action.note ? `${head}: ${action.note}` : head;
}

function owner(holder: string | null, names: ReadonlyMap<string, string>): Task['owner'] | undefined {
  if (!holder) return undefined;
  const display = names.get(holder) ?? holder;
  return holder.startsWith(USER_ACTOR_PREFIX)
    ? { display, identifier: { system: USERNAME_SYSTEM, value: holder.slice(USER_ACTOR_PREFIX.length) } }
    : { display };
}

/**
 * The FHIR Task of a follow-up.
 * @param task - the follow-up with its care actions
 * @param names - people's names of the actors in its log (`findActorNames`)
 */
export function toFhirTask(task: FhirTaskRecord, names: ReadonlyMap<string, string>): Task {
  const notes: Annotation[] = task.actions.map((a) => ({
    authorString: names.get(a.actor) ?? a.actor,
    time: a.at.toISOString(),
    text: actionText(a, names),
  }));
  const outputs: TaskOutput[] = task.actions
    .filter((a) => OUTPUT_TYPES.has(a.type))
    .map((a) => ({
      type: { coding: [{ system: CARE_ACTION_SYSTEM, code: a.type }], text: a.type.replace(/_/g, ' ') },
      valueString: a.outcome ?? a.note ?? a.type.replace(/_/g, ' '),
    }));
  const started = task.actions[0]?.at;
  const kind = followUpKindLabel(task.kind);
  const taskOwner = owner(task.holder, names);
  return {
    resourceType: 'Task',
    id: task.id,
    meta: { lastUpdated: task.updatedAt.toISOString() },
    status: task.status,
    ...(task.statusReason ? { statusReason: { text: task.statusReason } } : {}),
    intent: 'order',
    priority: task.priority === 'high' ? 'urgent' : 'routine',
    code: { coding: [{ system: FOLLOW_UP_KIND_SYSTEM, code: task.kind, display: kind }], text: kind },
    description: `${kind} follow-up`,
    focus: { reference: `Encounter/${task.encounterId}` },
    for: { reference: `Patient/${task.patientId}` },
    encounter: { reference: `Encounter/${task.encounterId}` },
    ...(started || task.closedAt
      ? {
          executionPeriod: {
            ...(started ? { start: started.toISOString() } : {}),
            ...(task.closedAt ? { end: task.closedAt.toISOString() } : {}),
          },
        }
      : {}),
    authoredOn: task.createdAt.toISOString(),
    lastModified: task.updatedAt.toISOString(),
    performerType: [{ text: `team ${task.team}` }],
    ...(taskOwner ? { owner: taskOwner } : {}),
    restriction: { period: { end: task.dueAt.toISOString() } },
    ...(notes.length > 0 ? { note: notes } : {}),
    ...(outputs.length > 0 ? { output: outputs } : {}),
  };
}
