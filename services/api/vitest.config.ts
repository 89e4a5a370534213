import { mergeConfig } from 'vitest/config';
import { serviceTestPreset } from '@adt/testing/vitest-preset';

export default mergeConfig(serviceTestPreset, {
  test: {
    // Sign-ins hash and verify at a low scrypt cost here (the setup file); the session tests still
    // run many of them on a 2-core CI machine running every workspace at once.
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 60_000,
    // Every file builds the same app from the same modules: loading them once per worker instead of
    // once per file took the suite from 110 s to 44 s. Each file still builds its own app, database
    // and settings (startApiHarness), so no state crosses files.
    isolate: false,
  },
});
