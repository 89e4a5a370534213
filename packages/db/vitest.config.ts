import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@adt/source'] },
  ssr: { resolve: { conditions: ['@adt/source'] } },
  test: {
    // The JSON report and the run's errors feed the summary printed after `npm test`.
    reporters: ['default', 'json', '@adt/testing/run-errors-reporter'],
    outputFile: { json: 'test-results/vitest.json' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    globalSetup: ['@adt/testing/global-setup'],
  },
});
