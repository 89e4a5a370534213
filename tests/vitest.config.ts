import { mergeConfig } from 'vitest/config';
import { serviceTestPreset } from '@adt/testing/vitest-preset';

export default mergeConfig(serviceTestPreset, {
  test: {
    include: ['e2e/**/*.test.ts', 'bench/**/*.test.ts', 'infra/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 30_000,
  },
});
