const unit = require('./jest.unit.config.js');

/** Tests run against a real PostgreSQL and a real Temporal dev server, started once in globalSetup. */
module.exports = {
  ...unit,
  roots: ['<rootDir>/test'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/support/browser-skip-reporter.js'],
};
