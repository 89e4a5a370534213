// Closes `npm test` for the whole monorepo from every workspace's vitest reports: a line per
// workspace, then every failed test, failed file and unhandled error again (a long CI log may be
// kept only by its tail), then "Tests: N passed, N failed". Exits non-zero when the checks failed,
// any test failed, an unhandled error was caught, or no test ran.
//   node scripts/test-summary.mjs --clean            removes earlier reports before a run
//   node scripts/test-summary.mjs --checks-exit=N    summarises a run whose checks (formatting,
//                                                    then turbo's lint, type-check and tests) exited with N
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dirs = ['tests'];
for (const parent of ['packages', 'services']) {
  for (const name of await readdir(path.join(root, parent))) dirs.push(path.join(parent, name));
}

if (process.argv.includes('--clean')) {
  // A report left by an earlier run would be counted as this run's when a workspace's tests never start.
  await Promise.all(
    dirs.map((dir) => rm(path.join(root, dir, 'test-results'), { recursive: true, force: true })),
  );
  process.exit(0);
}

const checksExit = Number(process.argv.find((arg) => arg.startsWith('--checks-exit='))?.split('=')[1] ?? 0);

async function readJson(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
const errors = [];
for (const dir of dirs) {
  const report = await readJson(path.join(root, dir, 'test-results/vitest.json'));
  if (report === null) continue;
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  process.stdout.write(`${dir}: ${report.numPassedTests} passed, ${report.numFailedTests} failed\n`);
  for (const error of (await readJson(path.join(root, dir, 'test-results/run-errors.json'))) ?? []) {
    errors.push({ dir, ...error });
  }
}

const LABEL = { test: 'failed test', file: 'failed file (hook or import)', unhandled: 'unhandled error' };
if (errors.length > 0) {
  process.stdout.write(`\n${errors.length} problem(s):\n`);
  for (const error of errors) {
    const where = [error.file && path.join(error.dir, error.file), error.test].filter(Boolean).join(' > ');
    process.stdout.write(
      `\n- ${LABEL[error.kind] ?? error.kind}: ${where || error.dir}\n  ${error.message}\n`,
    );
    if (error.stack) process.stdout.write(`${error.stack.replace(/^/gm, '    ')}\n`);
  }
  process.stdout.write('\n');
}
const unhandled = errors.filter((error) => error.kind === 'unhandled').length;
process.stdout.write(
  `Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}` +
    `${unhandled ? `, ${unhandled} unhandled error(s)` : ''}\n`,
);
if (checksExit !== 0) {
  process.stdout.write(
    `the checks exited with ${checksExit}: formatting (prettier), a lint, type-check or test task failed; its output is above\n`,
  );
}
// `errors` holds every failed test and file and every unhandled error of the reports.
process.exit(checksExit !== 0 || failed > 0 || errors.length > 0 || passed === 0 ? 1 : 0);
