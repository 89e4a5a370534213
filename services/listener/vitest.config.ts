import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@adt/source'] },
  ssr: { resolve: { conditions: ['@adt/source'] } },
  test: { testTimeout: 20_000, hookTimeout: 60_000, globalSetup: ['@adt/testing/global-setup'] },
});
