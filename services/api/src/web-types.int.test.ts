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
  "// Generated from the API's OpenAPI document by `npm run web-types -w @adt/api`. Do not edit.\n" +
  '// `paths` holds the JSON each GET route answers with 200.\n\n';

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

const PATH_ENTRY = /^ {4}("[^"]+"): \{$/;
const SHARED_ANSWER = /^ {16}200: (components\["responses"\]\["\w+"\]);$/;
const JSON_ANSWER = /^ {24}"application\/json": (.*)$/;

/**
 * Each path as the JSON its GET answers with 200, where the generator nests it five levels deep
 * (`get.responses[200].content['application/json']`): the pages need only that type, and the nesting
 * repeated the same dozen lines for every route.
 */
function pathsAsAnswers(types: string): string {
  const lines = types.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const start = PATH_ENTRY.exec(lines[i] ?? '');
    if (!start) {
      out.push(lines[i] ?? '');
      continue;
    }
    const end = lines.indexOf('    };', i);
    const entry = lines.slice(i + 1, end);
    const comments = entry.slice(0, entry.indexOf('        get: {')).map((line) => line.slice(4));
    const shared = entry.map((line) => SHARED_ANSWER.exec(line)).find(Boolean);
    const jsonAt = entry.findIndex((line) => JSON_ANSWER.test(line));
    let answer: string[];
    if (shared) answer = [`${shared[1]}["content"]["application/json"]`];
    else {
      const first = JSON_ANSWER.exec(entry[jsonAt] ?? '')?.[1] ?? 'never';
      // A type of several lines ends on the first line back at its own indentation.
      const close = first.endsWith(';')
        ? jsonAt
        : entry.findIndex((line, at) => at > jsonAt && /^ {24}\S/.test(line));
      answer = [first, ...entry.slice(jsonAt + 1, close + 1).map((line) => line.slice(20))];
      answer[answer.length - 1] = (answer.at(-1) ?? '').replace(/;$/, '');
    }
    out.push(...comments, `    ${start[1]}: ${answer.join('\n')};`);
    i = end;
  }
  return out.join('\n');
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
    const generated =
      HEADER + pathsAsAnswers(withoutAbsentMembers(astToString(await openapiTS(pageReadable(document)))));
    if (process.env.UPDATE_WEB_TYPES === '1') await writeFile(TYPES_FILE, generated);
    expect(await readFile(TYPES_FILE, 'utf8')).toBe(generated);
  });
});
