const unit = require('./jest.unit.config.js');

/**
 * The test tiers, as jest projects `npm test` runs together (`--selectProjects <name>…` runs some):
 * unit (no I/O), integration (real PostgreSQL), workflow (real Temporal, activities replaced), e2e (the
 * full stack) and browser (the full stack in Chromium). Each project's globalSetup starts only what it
 * needs, once per run however many projects share it (test/support/global-resources.ts). Files are
 * assigned by folder; the end-to-end and browser files still at test/'s top level are matched there too.
 */
const shared = {
  roots: ['<rootDir>/test'],
  testEnvironment: unit.testEnvironment,
  transform: unit.transform,
  transformIgnorePatterns: unit.transformIgnorePatterns,
};
const database = {
  globalSetup: '<rootDir>/test/support/global-setup-database.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
const stack = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
const BROWSER = '\\.browser\\.spec\\.ts$';

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...shared,
      ...database,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
    },
    { ...shared, ...stack, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.spec.ts'] },
    {
      ...shared,
      ...stack,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/*.spec.ts', '<rootDir>/test/e2e/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', BROWSER],
    },
    {
      ...shared,
      ...stack,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/*.browser.spec.ts', '<rootDir>/test/browser/**/*.spec.ts'],
    },
  ],
  testTimeout: 120000,
  // Measured on the 2-core machine: see docs (the tests mostly wait on Temporal's timers and on I/O).
  maxWorkers: 3,
  testSequencer: '<rootDir>/test/support/tier-sequencer.js',
  reporters: ['default', '<rootDir>/test/support/browser-skip-reporter.js'],
};
