/** @jest-config-loader-options {"transpileOnly": true} */
import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // jose ships ES modules only: Node loads it through require(esm), Jest needs it compiled to CommonJS.
    '/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, target: 'ES2022' }, diagnostics: false }],
  },
  // The public entries of our packages besides their index (package.json "exports").
  moduleNameMapper: { '^@orchestrator/engine/testing$': '<rootDir>/libs/engine/testing.ts' },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  // Integration tests spawn worker processes; two Jest workers match this 2-core machine.
  maxWorkers: 2,
  testTimeout: 30000,
};

export default config;
