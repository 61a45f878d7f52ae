import { defineConfig } from '@playwright/test';

/**
 * The portal in Debian's Chromium against the real platform (every service, FerretDB, Kafka,
 * a real SMTP server and SMS inbox), started once per worker by e2e/portal-world.ts. The
 * providers come from the same global setup as the jest end-to-end tests. Never downloads a
 * browser: CHROMIUM_PATH is the local one.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: '../.cache/test/playwright',
  globalSetup: '../infra/local/src/jest/global-setup.ts',
  globalTeardown: '../infra/local/src/jest/global-teardown.ts',
  // One platform, one browser: the machine has two cores.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: process.env.CI
    ? [['list'], ['html', { open: 'never', outputFolder: '../.cache/test/playwright-report' }]]
    : 'list',
  use: {
    browserName: 'chromium',
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
