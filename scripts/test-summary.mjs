// Prints one closing line for the whole monorepo from every workspace's vitest JSON report:
// "Tests: N passed, N failed, N skipped". Exits non-zero when any test failed or none ran.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const workspaces = ['packages', 'services'];
const dirs = ['tests'];
for (const parent of workspaces) {
  for (const name of await readdir(path.join(root, parent))) dirs.push(path.join(parent, name));
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of dirs) {
  let report;
  try {
    report = JSON.parse(await readFile(path.join(root, dir, 'test-results/vitest.json'), 'utf8'));
  } catch {
    continue;
  }
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  process.stdout.write(`${dir}: ${report.numPassedTests} passed, ${report.numFailedTests} failed\n`);
}
process.stdout.write(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
