import { defineConfig } from 'vitest/config';
import { serviceTestPreset } from '@adt/testing/vitest-preset';

/**
 * The fault-injection suite (`npm run test:faults`): real service processes, killed and restarted.
 * Run on its own, it prints its results only: the reports in test-results/ belong to `npm test`.
 */
export default defineConfig({
  ...serviceTestPreset,
  test: {
    ...serviceTestPreset.test,
    reporters: ['default'],
    outputFile: undefined,
    include: ['faults/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
  },
});
