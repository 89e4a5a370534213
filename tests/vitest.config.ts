import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@adt/source'] },
  ssr: { resolve: { conditions: ['@adt/source'] } },
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['@adt/testing/global-setup'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
