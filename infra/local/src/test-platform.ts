import { join } from 'node:path';
import { cacheDir } from './paths';
import { startPlatform, type Platform } from './platform';
import { startTestMailbox, type TestMailbox } from './test-mailbox';

/** The portal URL e2e tests expect in email links. */
export const TEST_PUBLIC_URL = 'https://portal.example.test';

export interface TestPlatform {
  platform: Platform;
  mailbox: TestMailbox;
  stop(): Promise<Record<string, number | null>>;
}

/**
 * For end-to-end tests: every process on the providers the jest global setup
 * started, with a real SMTP server of the test's own. Each test file takes
 * its own `basePort`, so files never share processes.
 */
export async function startTestPlatform(name: string, basePort: number): Promise<TestPlatform> {
  const mailbox = await startTestMailbox();
  const platform = await startPlatform({
    providerEnv: {
      MONGO_URL: process.env.MONGO_URL!,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
      CHROMIUM_PATH: process.env.CHROMIUM_PATH!,
      SMTP_URL: mailbox.url,
      PUBLIC_URL: TEST_PUBLIC_URL,
    },
    basePort,
    logDir: join(cacheDir, `test/logs/${name}`),
  }).catch(async (error: unknown) => {
    await mailbox.close();
    throw error;
  });
  let stopped: Promise<Record<string, number | null>> | undefined;
  return {
    platform,
    mailbox,
    // Idempotent: a test may stop it to check the exit codes, afterAll again.
    stop: () =>
      (stopped ??= (async () => {
        const codes = await platform.stop();
        await mailbox.close();
        return codes;
      })()),
  };
}
