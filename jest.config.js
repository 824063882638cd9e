/** ESM TypeScript through ts-jest; one shared PostgreSQL per run (see test/utils/global-setup.ts). */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/utils/global-setup.js',
  globalTeardown: '<rootDir>/test/utils/global-teardown.js',
  testTimeout: 60000,
  maxWorkers: 2,
};
