/** @jest-config-loader-options {"transpileOnly": true} */
import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    // The UI's browser code (JSX, DOM types): its component tests render it in Node (apps/ui/tsconfig.json
    // typechecks it; here it is only compiled).
    '/apps/ui/web/.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/apps/ui/tsconfig.test.json', diagnostics: false }],
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // jose (and @x0k/json-schema-merge, which react-jsonschema-form uses) ship ES modules only: Node loads
    // them through require(esm), Jest needs them compiled to CommonJS.
    '/node_modules/(jose|@x0k/json-schema-merge)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, target: 'ES2022' }, diagnostics: false },
    ],
  },
  // The public entries of our packages besides their index (package.json "exports").
  moduleNameMapper: { '^@orchestrator/engine/testing$': '<rootDir>/libs/engine/testing.ts' },
  transformIgnorePatterns: ['/node_modules/(?!jose/|@x0k/json-schema-merge/)'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  // Integration tests spawn worker processes; two Jest workers match this 2-core machine.
  maxWorkers: 2,
  testTimeout: 30000,
};

export default config;
