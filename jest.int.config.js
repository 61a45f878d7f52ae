// Integration tests: real FerretDB (or MongoDB), Kafka, SMTP and Chromium.
module.exports = require('./jest.layers')('int', {
  globalSetup: '<rootDir>/infra/local/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/infra/local/src/jest/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
});
