import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SQL_WORDS =
  /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|WHERE|ORDER BY|GROUP BY|VALUES|CREATE|DROP|ALTER)\b/;
// A constant fragment (`${USER_SELECT}`), possibly adjusted with literals only.
const CONSTANT_FRAGMENT = /^[A-Z][A-Z0-9_]*(\.replace\('[^']*', '[^']*'\))?$/;
// CREATE/DROP DATABASE takes no parameters; test database and template names are built from
// [a-z0-9_] only, and stale templates are dropped by the names pg_database lists under the prefix.
const ALLOWED = new Set([
  'packages/testing/src/test-database.ts:name',
  'packages/testing/src/test-database.ts:template',
  'packages/testing/src/test-database.ts:datname',
  // SQL fragment builders whose arguments are placeholders and aliases passed down by their callers.
  "packages/db/src/follow-up-whereabouts.ts:openStayCondition('e', codes, edSince)",
  'packages/db/src/same-person.ts:seeds',
  // `$n` placeholders numbered by the statement that uses the fragment.
  ...['family', 'given', 'words', 'word', 'mrn', 'phone'].map(
    (p) => `packages/db/src/patient-search.ts:${p}`,
  ),
  ...['zone', 'teams', 'from', 'to'].map((p) => `packages/db/src/workload-queries.ts:${p}`),
  // The patient-search fragment, or nothing, by whether the request searches.
  "packages/db/src/follow-up-queries.ts:search.patient ? `WITH ${matchingPatientsCte(11)}` : ''",
  "packages/db/src/follow-up-queries.ts:search.patient ? 'AND f.patient_id IN (SELECT id FROM matching_patients)' : ''",
  // One of two constant conditions, by whether the search names an MRN (its value is $5).
  'packages/db/src/message-repository.ts:patientCondition',
  // Column names from the constant SETTING_COLUMNS map and `$n` placeholders; values are parameters.
  ...['insertColumns', 'placeholders', 'updates'].map(
    (p) => `packages/db/src/facility-repository.ts:${p}.join(', ')`,
  ),
  // DDL takes no parameters: a partition's name comes from the catalog and must match PARTITION_NAME.
  'packages/db/src/retention-repository.ts:name',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * A call that builds a SQL fragment from literals only (table aliases, `$n` placeholders, a
 * constant subquery): nothing a caller's value can reach.
 * @param expression - an interpolated expression
 */
function isFragmentBuilderCall(expression: ts.Expression, localFunctions: ReadonlySet<string>): boolean {
  return (
    ts.isCallExpression(expression) &&
    ts.isIdentifier(expression.expression) &&
    expression.arguments.every(
      (argument) =>
        ts.isStringLiteral(argument) || (ts.isIdentifier(argument) && localFunctions.has(argument.text)),
    )
  );
}

/**
 * The names of a file's top-level arrow functions (`const emptyList = (ref: string) => …`): a
 * fragment builder may take one, which builds from literals in the same file.
 * @param source - the parsed file
 */
function arrowFunctionsOf(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (
        ts.isIdentifier(declaration.name) &&
        declaration.initializer &&
        ts.isArrowFunction(declaration.initializer)
      )
        names.add(declaration.name.text);
    }
  }
  return names;
}

/**
 * Every template literal that reads as SQL and interpolates something other than a constant
 * fragment, as `file:line: expression`.
 * @param files - TypeScript files
 */
function interpolatedSql(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const localFunctions = arrowFunctionsOf(source);
    const visit = (node: ts.Node): void => {
      if (ts.isTemplateExpression(node) && SQL_WORDS.test(node.getText(source))) {
        for (const span of node.templateSpans) {
          const expression = span.expression.getText(source);
          const where = relative(ROOT, file);
          if (
            CONSTANT_FRAGMENT.test(expression) ||
            isFragmentBuilderCall(span.expression, localFunctions) ||
            ALLOWED.has(`${where}:${expression}`)
          ) {
            continue;
          }
          found.push(
            `${where}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${expression}`,
          );
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('no SQL built from strings', () => {
  const files = ['packages', 'services'].flatMap((area) =>
    readdirSync(join(ROOT, area)).flatMap((name) => {
      try {
        return sourceFiles(join(ROOT, area, name, 'src'));
      } catch {
        return [];
      }
    }),
  );

  it('interpolates only constant fragments into SQL text (values go as $n parameters)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(interpolatedSql(files)).toEqual([]);
  });

  it('would catch a value interpolated into SQL', () => {
    const probe = join(ROOT, 'services/api/src/sql-from-strings.test.ts');
    const found = interpolatedSql([probe]);
    // This file's own example below is caught; the constant fragment is not.
    expect(found).toEqual([expect.stringContaining(': request.query.mrn') as unknown]);
  });
});

// Never executed: the example the scanner must flag.
export const UNSAFE_EXAMPLE = (request: { query: { mrn: string } }, TABLE: string) => [
  `SELECT * FROM ${TABLE} WHERE mrn = '${request.query.mrn}'`,
];
