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
    const generated = HEADER + astToString(await openapiTS(document));
    if (process.env.UPDATE_WEB_TYPES === '1') await writeFile(TYPES_FILE, generated);
    expect(await readFile(TYPES_FILE, 'utf8')).toBe(generated);
  });
});
