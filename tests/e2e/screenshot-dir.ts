import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Where the browser tests save their screenshots. `npm run screenshots` sets DOC_SCREENSHOTS=1 to
 * refresh the ones the docs show; any other run saves them with the test results, so running the
 * tests leaves the tracked tree as it was (a benchmark run records whether it is clean).
 */
export const SCREENSHOTS =
  process.env.DOC_SCREENSHOTS === '1'
    ? path.join(ROOT, 'docs/screenshots')
    : path.join(ROOT, 'tests/test-results/screenshots');
