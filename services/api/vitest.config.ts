import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@adt/source'] },
  ssr: { resolve: { conditions: ['@adt/source'] } },
  test: {
    // The JSON report and the run's errors feed the summary printed after `npm test`.
    reporters: ['default', 'json', '@adt/testing/run-errors-reporter'],
    outputFile: { json: 'test-results/vitest.json' },
    // scrypt at production cost (~100 ms of CPU per hash) runs several times in the session tests,
    // which on a 2-core CI machine running every workspace at once takes far longer.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['@adt/testing/global-setup'],
  },
});
