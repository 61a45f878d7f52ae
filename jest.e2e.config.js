// End-to-end tests: every process started, driven through the gateway.
module.exports = require('./jest.layers')('e2e', {
  globalSetup: '<rootDir>/infra/local/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/infra/local/src/jest/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
});
