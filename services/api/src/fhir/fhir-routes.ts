/**
 * The read-only FHIR R4 API under `/fhir/R4`: the CapabilityStatement, and read and search of
 * Patient, Encounter and Task. The same callers, roles, team scoping and audit as the JSON API
 * (navigators and admins; a navigator sees their teams' follow-ups and the patients and
 * encounters reachable through them), but FHIR's shapes: `application/fhir+json`, Bundles, and
 * OperationOutcome for every refusal.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiContext } from '../api-context.js';
import { capabilityStatement } from './fhir-capability.js';
import { FHIR_JSON, FhirError, invalidRequest, sendFhirError } from './fhir-errors.js';
import { readResource, searchResources } from './fhir-interactions.js';
import { SEARCH_PARAMETERS, type FhirQuery, type FhirResourceType } from './fhir-search-params.js';

/** The FHIR API's path. */
export const FHIR_BASE_PATH = '/fhir/R4';

const SOFTWARE_VERSION = '0.1.0';

function isSupportedType(type: string): type is FhirResourceType {
  return Object.hasOwn(SEARCH_PARAMETERS, type);
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${FHIR_BASE_PATH}`;
}

function resourceType(type: string): FhirResourceType {
  if (!isSupportedType(type)) {
    throw invalidRequest(
      `Unknown or unsupported resource type "${type}": this server reads Patient, Encounter and Task`,
    );
  }
  return type;
}

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type(FHIR_JSON).send(body);
}

/**
 * Registers the FHIR routes (with their own error answers) under {@link FHIR_BASE_PATH}.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const fhirRoutes: FastifyPluginAsync<{ context: ApiContext }> = (app, { context }) => {
  app.setErrorHandler(sendFhirError);

  const hidden = { schema: { hide: true } };

  app.get(`${FHIR_BASE_PATH}/metadata`, hidden, (request, reply) =>
    send(reply, 200, capabilityStatement(baseUrl(request), SOFTWARE_VERSION)),
  );

  app.get<{ Params: { type: string }; Querystring: FhirQuery }>(
    `${FHIR_BASE_PATH}/:type`,
    hidden,
    async (request, reply) => {
      const type = resourceType(request.params.type);
      return send(reply, 200, await searchResources(context, request, type, request.query, baseUrl(request)));
    },
  );

  app.get<{ Params: { type: string; id: string } }>(
    `${FHIR_BASE_PATH}/:type/:id`,
    hidden,
    async (request, reply) => {
      const type = resourceType(request.params.type);
      return send(reply, 200, await readResource(context, request, type, request.params.id));
    },
  );

  // Everything else under the base: history, operations, compartments and any write.
  app.get(`${FHIR_BASE_PATH}/*`, hidden, () => {
    throw new FhirError(
      404,
      'not-found',
      'This server reads Patient, Encounter and Task by id and by search only',
    );
  });
  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE'],
    url: `${FHIR_BASE_PATH}/*`,
    ...hidden,
    handler: () => {
      throw new FhirError(405, 'not-supported', 'This FHIR API is read-only');
    },
  });
  return Promise.resolve();
};
