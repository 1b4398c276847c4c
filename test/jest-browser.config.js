/**
 * Browser specs: the real app on a free port of 127.0.0.1 (SQLite), driven by Debian's chromium
 * through playwright-core (CHROMIUM_PATH, else /usr/bin/chromium). One at a time: each starts a browser.
 */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
  moduleNameMapper: { '^@lienket/(.*)$': '<rootDir>/libs/$1/src' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 1,
};
