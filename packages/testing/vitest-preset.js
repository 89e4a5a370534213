// Plain JavaScript: vitest loads a workspace's vitest.config.ts by bundling it and leaves imported
// packages to Node, which cannot run TypeScript. Types: vitest-preset.d.ts.
import { defineConfig, mergeConfig } from 'vitest/config';

/**
 * What every workspace's tests share: packages resolve to their TypeScript sources, and the JSON
 * report and the run's errors feed the summary printed after `npm test` (scripts/test-summary.mjs
 * reads `test-results/` in each workspace).
 */
export const unitTestPreset = defineConfig({
  resolve: { conditions: ['@adt/source'] },
  ssr: { resolve: { conditions: ['@adt/source'] } },
  test: {
    reporters: ['default', 'json', '@adt/testing/run-errors-reporter'],
    outputFile: { json: 'test-results/vitest.json' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});

/**
 * For workspaces whose tests use Postgres and Redis: the global setup finds (or starts) them and
 * names the run, so each test file's database is a copy of one template migrated once per run.
 */
export const serviceTestPreset = mergeConfig(unitTestPreset, {
  test: { globalSetup: ['@adt/testing/global-setup'] },
});
