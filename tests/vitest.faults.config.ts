import { defineConfig } from 'vitest/config';

/** The fault-injection suite (`npm run test:faults`): real service processes, killed and restarted. */
export default defineConfig({
  resolve: { conditions: ['@adt/source'] },
  ssr: { resolve: { conditions: ['@adt/source'] } },
  test: {
    include: ['faults/**/*.test.ts'],
    globalSetup: ['@adt/testing/global-setup'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
