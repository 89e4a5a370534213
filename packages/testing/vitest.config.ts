import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@adt/source'] },
  ssr: { resolve: { conditions: ['@adt/source'] } },
  test: {
    // The JSON report and the run's errors feed the summary printed after `npm test`.
    reporters: ['default', 'json', './src/run-errors-reporter.ts'],
    outputFile: { json: 'test-results/vitest.json' },
    passWithNoTests: true,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
