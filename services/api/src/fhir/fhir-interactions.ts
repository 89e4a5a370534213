/**
 * The FHIR interactions over the stored data: read by id and search, with the JSON API's roles,
 * team scoping and audit.
 */
import type { FastifyRequest } from 'fastify';
import {
  findActorNames,
  findFhirEncounter,
  findFhirPatient,
  findFhirTask,
  recordAudit,
  searchFhirEncounters,
  searchFhirPatients,
  searchFhirTasks,
  type FhirTaskRecord,
} from '@adt/db';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { ApiContext } from '../api-context.js';
import { assertRole, HttpError, visibleTeams, type Principal } from '../auth.js';
import { searchsetBundle } from './fhir-bundle.js';
import { toFhirEncounter } from './fhir-encounter.js';
import { FhirError } from './fhir-errors.js';
import { toFhirPatient } from './fhir-patient.js';
import {
  parseEncounterSearch,
  parsePatientSearch,
  parseTaskSearch,
  patientRevIncludes,
  resourceId,
  type FhirPage,
  type FhirQuery,
  type FhirResourceType,
  type PatientRevInclude,
} from './fhir-search-params.js';
import { toFhirTask } from './fhir-task.js';

/** Who reads FHIR: as the follow-up routes. */
const FHIR_ROLES = ['navigator', 'admin'] as const;

/** Audit resources by FHIR type: a Task is a follow-up, so the audit's follow-up filter finds it. */
const AUDIT_RESOURCE: Readonly<Record<FhirResourceType, string>> = {
  Patient: 'patient',
  Encounter: 'encounter',
  Task: 'follow_up',
};

/** The caller and the teams they see (undefined: every team). */
function caller(request: FastifyRequest): { principal: Principal; teams: readonly string[] | undefined } {
  const principal = assertRole(request.principal, FHIR_ROLES);
  return { principal, teams: visibleTeams(principal, undefined) };
}

async function actorNames(
  context: ApiContext,
  tasks: readonly FhirTaskRecord[],
): Promise<Map<string, string>> {
  const actors = tasks.flatMap((t) => [
    ...(t.holder ? [t.holder] : []),
    ...t.actions.flatMap((a) =>
      [a.actor, a.previousHolder, a.handedTo].filter((x): x is string => x !== null),
    ),
  ]);
  return findActorNames(context.pool, actors);
}

/**
 * A read by id: 404 when unknown, 403 for another team's, else the resource (audit-logged).
 * @param requestedId - the id in the URL
 */
export async function readResource(
  context: ApiContext,
  request: FastifyRequest,
  type: FhirResourceType,
  requestedId: string,
): Promise<Resource> {
  const { principal, teams } = caller(request);
  const id = resourceId(requestedId);
  const found = await (async (): Promise<{ resource: Resource; visible: boolean } | null> => {
    switch (type) {
      case 'Patient': {
        const hit = await findFhirPatient(context.pool, id, teams);
        return hit && { resource: toFhirPatient(hit.patient), visible: hit.visible };
      }
      case 'Encounter': {
        const hit = await findFhirEncounter(context.pool, id, teams);
        return hit && { resource: toFhirEncounter(hit.encounter), visible: hit.visible };
      }
      case 'Task': {
        const hit = await findFhirTask(context.pool, id, teams);
        return (
          hit && {
            resource: toFhirTask(hit.task, await actorNames(context, [hit.task])),
            visible: hit.visible,
          }
        );
      }
      default:
        return type satisfies never;
    }
  })();
  if (!found) throw new FhirError(404, 'not-found', `No ${type}/${requestedId}`);
  // As the JSON API answers another team's follow-up: refused, and the refusal audit-logged.
  if (!found.visible)
    throw new HttpError(403, 'other_team', `${type}/${requestedId} belongs to another team`);
  await recordAudit(context.pool, {
    actor: principal.actor,
    action: 'read',
    resource: AUDIT_RESOURCE[type],
    resourceId: id,
    remoteAddress: request.ip,
    detail: { via: 'fhir' },
  });
  return found.resource;
}

/**
 * A search: the searchset Bundle of the caller's matches (audit-logged with the ids shown).
 * @param base - the server's base URL, for the Bundle's links
 */
export async function searchResources(
  context: ApiContext,
  request: FastifyRequest,
  type: FhirResourceType,
  query: FhirQuery,
  base: string,
): Promise<Bundle> {
  const { principal, teams } = caller(request);
  const zone = context.config.practice.timeZone;
  const {
    page,
    total,
    resources,
    included = [],
  } = await (async (): Promise<{
    page: FhirPage;
    total: number;
    resources: Resource[];
    included?: Resource[];
  }> => {
    switch (type) {
      case 'Patient': {
        const parsed = parsePatientSearch(query);
        const revIncludes = patientRevIncludes(query);
        const found = await searchFhirPatients(context.pool, {
          ...parsed.criteria,
          teams,
          ...window(parsed.page),
        });
        return {
          page: parsed.page,
          total: found.total,
          resources: found.patients.map(toFhirPatient),
          included: await revIncluded(
            context,
            teams,
            found.patients.map((p) => p.id),
            revIncludes,
          ),
        };
      }
      case 'Encounter': {
        const parsed = parseEncounterSearch(query, zone);
        const found = await searchFhirEncounters(context.pool, {
          ...parsed.criteria,
          teams,
          ...window(parsed.page),
        });
        return { page: parsed.page, total: found.total, resources: found.encounters.map(toFhirEncounter) };
      }
      case 'Task': {
        const parsed = parseTaskSearch(query, zone);
        const found = await searchFhirTasks(context.pool, {
          ...parsed.criteria,
          teams,
          ...window(parsed.page),
        });
        const names = await actorNames(context, found.tasks);
        return {
          page: parsed.page,
          total: found.total,
          resources: found.tasks.map((t) => toFhirTask(t, names)),
        };
      }
      default:
        return type satisfies never;
    }
  })();
  const shown = [...resources, ...included];
  const idsOf = (resourceType: string) =>
    shown.filter((r) => r.resourceType === resourceType).map((r) => r.id ?? '');
  const detail = Object.fromEntries(
    (
      [
        ['patientIds', idsOf('Patient')],
        ['encounterIds', idsOf('Encounter')],
        ['followUpIds', idsOf('Task')],
      ] as const
    ).filter(([, ids]) => ids.length > 0),
  );
  await recordAudit(context.pool, {
    actor: principal.actor,
    action: 'search',
    resource: AUDIT_RESOURCE[type],
    remoteAddress: request.ip,
    // The ids shown, never the search values (they may be an MRN).
    detail: { via: 'fhir', count: resources.length, total, ...detail },
  });
  return searchsetBundle({ base, type, query, page }, total, resources, included);
}

/** At most this many resources `_revinclude` adds to one page. */
const MAX_REVINCLUDED = 1000;

/**
 * The encounters and tasks of a page of patients that the caller may see, for `_revinclude`.
 * @param patientIds - the page's patients
 */
async function revIncluded(
  context: ApiContext,
  teams: readonly string[] | undefined,
  patientIds: readonly string[],
  kinds: ReadonlySet<PatientRevInclude>,
): Promise<Resource[]> {
  if (patientIds.length === 0) return [];
  const window = { teams, patientIds, offset: 0, limit: MAX_REVINCLUDED };
  const encounters = kinds.has('Encounter')
    ? (await searchFhirEncounters(context.pool, window)).encounters
    : [];
  const tasks = kinds.has('Task') ? (await searchFhirTasks(context.pool, window)).tasks : [];
  const names = await actorNames(context, tasks);
  return [...encounters.map(toFhirEncounter), ...tasks.map((t) => toFhirTask(t, names))];
}

function window(page: { count: number; offset: number }): { offset: number; limit: number } {
  return { offset: page.offset, limit: page.count };
}
