// Shared flat config: strict, type-aware, and the house rules from the style guide.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Builds the lint config for one workspace package.
 * @param {string} tsconfigRootDir - the package folder (import.meta.dirname of its eslint.config.js)
 */
export function adtLintConfig(tsconfigRootDir) {
  return tseslint.config(
    { ignores: ['dist/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
    js.configs.recommended,
    ...tseslint.configs.strictTypeChecked,
    {
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir },
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
      files: ['**/*.test.ts', 'tests/**/*.ts', 'src/main.ts', 'src/commands/**/*.ts'],
      rules: { 'no-console': 'off' },
    },
  );
}

/**
 * Lint config for a web page's plain JavaScript modules, typed with JSDoc and checked by their own
 * tsconfig: the house rules of `adtLintConfig` (which ignores other .js files), with browser globals.
 * @param {string} tsconfigRootDir - the package folder (import.meta.dirname of its eslint.config.js)
 * @param {string} files - glob of the browser scripts, relative to that folder
 */
export function adtWebLintConfig(tsconfigRootDir, files) {
  return [
    ...adtLintConfig(tsconfigRootDir),
    // The shared config ignores every .js file (config files, build output); the pages' scripts are source.
    { ignores: [`!${files}`] },
    { files: [files], languageOptions: { sourceType: 'module', globals: { ...globals.browser } } },
  ];
}
