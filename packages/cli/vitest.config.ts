import { mergeConfig } from 'vitest/config';
import { serviceTestPreset } from '@adt/testing/vitest-preset';

export default mergeConfig(serviceTestPreset, { test: { setupFiles: ['./vitest.setup.ts'] } });
