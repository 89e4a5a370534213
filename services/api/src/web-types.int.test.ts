import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness } from './testing/api-harness.js';

// The pages' JSDoc types come from the API's own OpenAPI document, so a page cannot drift from the
// API it calls: a route whose schema changed fails here until the file is generated again with
// `npm run web-types -w @adt/api`.
const TYPES_FILE = path.resolve(import.meta.dirname, '../web/types/api.d.ts');
const HEADER =
  "// Generated from the API's OpenAPI document by `npm run web-types -w @adt/api`. Do not edit.\n\n";

/**
 * What the pages read: each path's GET answer and the shared schemas it refers to. Parameters,
 * errors and writes are left out (a page builds its requests from its own inputs).
 */
function pageReadable(document: OpenAPI3): OpenAPI3 {
  const paths = Object.entries(document.paths ?? {}).flatMap(([url, item]) => {
    const get = 'get' in item && item.get && 'responses' in item.get ? item.get : undefined;
    const ok = get?.responses?.['200'];
    return get && ok ? [[url, { get: { summary: get.summary, responses: { 200: ok } } }]] : [];
  });
  return { ...document, paths: Object.fromEntries(paths) as OpenAPI3['paths'] };
}

/**
 * The generator writes every member an operation lacks (`cookie?: never`, `put?: never`, …) and the
 * same open headers on every answer; they say nothing a page needs.
 */
function withoutAbsentMembers(types: string): string {
  return types
    .replace(/^\s+\/\*\* @description Default Response \*\/\n/gm, '')
    .replace(/^\s+headers: \{\n\s+\[name: string\]: unknown;\n\s+\};\n/gm, '')
    .replace(/^\s+(?:"[^"\n]+"|\w+)\?: never;\n/gm, '')
    .replace(/^\s+parameters: \{\n\s+\};\n/gm, '');
}

describe('the web pages’ API types', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness('web-types');
  });
  afterAll(async () => {
    await h.close();
  });

  it('are generated from the current OpenAPI document', async () => {
    const document = (await h.app.inject({ url: '/docs/json' })).json<OpenAPI3>();
    const generated = HEADER + withoutAbsentMembers(astToString(await openapiTS(pageReadable(document))));
    if (process.env.UPDATE_WEB_TYPES === '1') await writeFile(TYPES_FILE, generated);
    expect(await readFile(TYPES_FILE, 'utf8')).toBe(generated);
  });
});
