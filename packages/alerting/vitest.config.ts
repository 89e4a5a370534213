import { serviceTestPreset } from '@adt/testing/vitest-preset';

export default serviceTestPreset;
