import { unitTestPreset } from '@adt/testing/vitest-preset';

export default unitTestPreset;
