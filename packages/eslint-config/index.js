// Shared flat config: strict, type-aware, and the house rules from the style guide.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Builds the repository's lint config: one ESLint run over every workspace, typed by the given
 * TypeScript projects (one program for all the TypeScript, so a shared package is read once, not
 * once for every workspace that imports it).
 * @param {object} options
 * @param {string} options.rootDir - the repository root (import.meta.dirname of its eslint.config.js)
 * @param {string[]} options.projects - tsconfig files, relative to rootDir; a file is typed by the first that includes it
 * @param {string} options.webFiles - glob of the pages' plain JavaScript modules (JSDoc-typed, browser globals)
 */
export function adtLintConfig({ rootDir, projects, webFiles }) {
  return tseslint.config(
    // Build output, coverage and config files; the pages' scripts are source and are linted below.
    { ignores: ['**/dist/**', '**/coverage/**', '**/*.js', '**/*.mjs', `!${webFiles}`] },
    js.configs.recommended,
    ...tseslint.configs.strictTypeChecked,
    {
      languageOptions: {
        parserOptions: { project: projects, tsconfigRootDir: rootDir },
      },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/switch-exhaustiveness-check': 'error',
        '@typescript-eslint/no-explicit-any': 'error',
        '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
        '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
        '@typescript-eslint/no-unused-vars': [
          'error',
          { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
        ],
        eqeqeq: ['error', 'always'],
        'no-console': 'error',
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              { group: ['@adt/*/src/*', '@adt/*/dist/*'], message: 'Import a package by its entry point.' },
              {
                group: ['../../packages/*', '../../../packages/*'],
                message: 'Import a package by its name.',
              },
            ],
          },
        ],
      },
    },
    {
      files: ['**/*.test.ts', 'tests/**/*.ts', '**/src/main.ts', '**/src/commands/**/*.ts'],
      rules: { 'no-console': 'off' },
    },
    { files: [webFiles], languageOptions: { sourceType: 'module', globals: { ...globals.browser } } },
  );
}
