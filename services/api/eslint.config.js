import { adtWebLintConfig } from '@adt/eslint-config';

export default [
  ...adtWebLintConfig(import.meta.dirname, 'web/public/assets/js/**/*.js'),
  // Generated from the OpenAPI document (npm run web-types).
  { ignores: ['web/types/**'] },
];
