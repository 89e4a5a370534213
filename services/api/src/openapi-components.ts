import type { SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';

const SCHEMA_REF = '#/components/schemas/';

interface JsonResponse {
  $ref?: string;
  description?: string;
  content?: { 'application/json'?: { schema?: { $ref?: string } } };
}

/**
 * The OpenAPI document's shared parts, so the document and the pages' generated types describe
 * each thing once:
 * - every schema given an `id` (`.meta({ id })`) is one component that routes refer to; the
 *   registry writes each one for both directions, and an `…Input` copy no request uses is left out;
 * - a response that is only such a schema (every error answer, most single-object answers) is one
 *   shared response of the same name.
 */
export const withSharedSchemas: SwaggerTransformObject = (documentObject) => {
  const document = jsonSchemaTransformObject(documentObject);
  if (!('components' in document) || !document.components?.schemas) return document;
  const sharedResponses: Record<string, JsonResponse> = {};
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations ?? {})) {
      const responses = (operation as { responses?: Record<string, JsonResponse> }).responses ?? {};
      for (const [status, response] of Object.entries(responses)) {
        const ref = response.content?.['application/json']?.schema?.$ref;
        if (!ref?.startsWith(SCHEMA_REF) || Object.keys(response.content ?? {}).length !== 1) continue;
        const name = ref.slice(SCHEMA_REF.length);
        sharedResponses[name] = { description: name, content: response.content };
        responses[status] = { $ref: `#/components/responses/${name}` };
      }
    }
  }
  const used = JSON.stringify(document.paths ?? {}) + JSON.stringify(sharedResponses);
  const schemas = document.components.schemas;
  for (const name of Object.keys(schemas)) {
    if (name.endsWith('Input') && !used.includes(`"${SCHEMA_REF}${name}"`))
      Reflect.deleteProperty(schemas, name);
  }
  Object.assign(document.components, { responses: { ...document.components.responses, ...sharedResponses } });
  return document;
};
