// One ESLint run over every workspace (`npm run lint`), typed by one TypeScript program for all the
// TypeScript (tsconfig.json) and the pages' own config for their JSDoc-typed scripts.
import { adtLintConfig } from '@adt/eslint-config';

export default [
  ...adtLintConfig({
    rootDir: import.meta.dirname,
    projects: ['./tsconfig.json', './services/api/web/tsconfig.json'],
    webFiles: 'services/api/web/public/assets/js/**/*.js',
  }),
  // Generated from the OpenAPI document (npm run web-types -w @adt/api).
  { ignores: ['services/api/web/types/**'] },
];
