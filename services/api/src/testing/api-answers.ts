/**
 * The API's answers as its OpenAPI document describes them (the types generated for the pages), so
 * a test reads a response with the same type a page does. Not part of the build.
 */
import type { components, paths } from '../../web/types/api.js';

/** The JSON a GET route answers. */
export type GetJson<P extends keyof paths> = Exclude<paths[P], string>;

/** One of the document's shared schemas, by name. */
export type ApiSchema<N extends keyof components['schemas']> = components['schemas'][N];

/**
 * A measure's figure read without first telling its kind apart: every kind's fields, each optional
 * (the tests compare figures with `toMatchObject`).
 */
export interface AnyFigure {
  id: string;
  numerator?: number;
  denominator?: number;
  rate?: number | null;
  count?: number;
  median?: number | null;
  p90?: number | null;
  provisional?: boolean;
  groups?: Record<string, { numerator: number; denominator: number }>;
}
