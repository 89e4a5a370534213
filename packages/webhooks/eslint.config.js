import { adtLintConfig } from '@adt/eslint-config';

export default adtLintConfig(import.meta.dirname);
