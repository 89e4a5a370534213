import type { ViteUserConfig } from 'vitest/config';

/** The test configuration every workspace shares (see vitest-preset.js). */
export declare const unitTestPreset: ViteUserConfig;
/** {@link unitTestPreset} with the global setup for tests that use Postgres and Redis. */
export declare const serviceTestPreset: ViteUserConfig;
