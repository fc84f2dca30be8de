// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What the pure packages never import at run time. */
const IO_LIBRARIES = ['typeorm', 'bullmq', 'ioredis', 'pg', 'express', 'pino', 'node:fs', 'node:net', 'node:http'];

const noDeepImports = {
  group: ['@orchestrator/*/*', '!@orchestrator/engine/testing'],
  message: 'import the package (or @orchestrator/engine/testing), not its files',
};
const noApps = {
  group: ['@orchestrator/api', '@orchestrator/worker', '@orchestrator/cli', '@orchestrator/test-stack'],
  message: 'libs never import apps (apps/*): move the shared code into a lib, or the caller into an app',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', '**/test-fixtures/*.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', 'apps/ui/vite.config.mts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine is the pure heart: no I/O libraries (types of the step transaction are fine).
    files: ['libs/engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: IO_LIBRARIES.map((name) => ({
            name,
            message: 'libs/engine stays free of I/O: reach storage and queues through ports',
            allowTypeImports: true,
          })),
          patterns: [{ group: ['@orchestrator/*'], message: 'libs/engine depends on no other package of ours' }],
        },
      ],
    },
  },
  {
    // The test kit (`@orchestrator/engine/testing`) checks subscription data with the same pure rules as the
    // database does: it may use @orchestrator/domain, which depends on the engine's core, never on the kit.
    files: ['libs/engine/testing.ts', 'libs/engine/src/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: IO_LIBRARIES.map((name) => ({
            name,
            message: 'the engine test kit stays in memory',
            allowTypeImports: true,
          })),
          patterns: [
            {
              group: ['@orchestrator/*', '!@orchestrator/domain'],
              message: 'the engine test kit depends only on @orchestrator/domain',
            },
          ],
        },
      ],
    },
  },
  {
    // Subscription rules are pure too: the database and the API call them, not the other way round.
    files: ['libs/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: IO_LIBRARIES.map((name) => ({
            name,
            message: 'libs/domain stays free of I/O',
            allowTypeImports: true,
          })),
          patterns: [
            {
              group: ['@orchestrator/*', '!@orchestrator/engine'],
              message: 'libs/domain depends only on @orchestrator/engine',
            },
          ],
        },
      ],
    },
  },
  {
    // Credential verification is reused by the API and the CLI: no HTTP framework, no database in it.
    files: ['libs/auth/**/*.ts'],
    ignores: ['libs/auth/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['express', 'typeorm', 'pg', 'bullmq'].map((name) => ({
            name,
            message: 'libs/auth reaches storage through ports (ApiKeyLookup) and knows no HTTP framework',
          })),
          patterns: [{ group: ['@orchestrator/*'], message: 'libs/auth depends on no other package of ours' }],
        },
      ],
    },
  },
  {
    // The search language compiles to SQL text; the database layer runs it.
    files: ['libs/search/**/*.ts'],
    ignores: ['libs/search/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: IO_LIBRARIES.map((name) => ({
            name,
            message: 'libs/search stays free of I/O',
            allowTypeImports: true,
          })),
          patterns: [
            {
              group: ['@orchestrator/*', '!@orchestrator/engine', '!@orchestrator/search'],
              message: 'libs/search depends only on @orchestrator/engine',
            },
          ],
        },
      ],
    },
  },
  {
    // The operator UI runs in the browser (apps/ui/tsconfig.json types it with the DOM).
    files: ['apps/ui/web/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    // No deep imports across packages: use each package's public index.
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDeepImports] }] },
  },
  {
    // Dependencies point from apps to libs, never back: a lib that needs an app's wiring is in the wrong place.
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDeepImports, noApps] }] },
  },
);
