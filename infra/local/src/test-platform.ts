import { join } from 'node:path';
import { cacheDir } from './paths';
import { startPlatform, type Platform, type PlatformOptions } from './platform';
import { startSmsInbox, type SmsInbox } from './sms-inbox';
import { startTestMailbox, type MailboxOptions, type TestMailbox } from './test-mailbox';

/** The portal URL e2e tests expect in email links. */
export const TEST_PUBLIC_URL = 'https://portal.example.test';

export interface TestPlatform {
  platform: Platform;
  mailbox: TestMailbox;
  sms: SmsInbox;
  stop(): Promise<Record<string, number | null>>;
}

/**
 * For end-to-end tests: every process on the providers the jest global setup
 * started, with a real SMTP server and an SMS webhook inbox of the test's own. Each test file takes
 * its own `basePort`, so files never share processes.
 */
export async function startTestPlatform(
  name: string,
  basePort: number,
  options: Pick<PlatformOptions, 'replicas' | 'nodeArgs' | 'compiled'> & {
    /** Providers of the test's own, e.g. a broker it stops (KAFKA_BROKERS). */
    providerEnv?: Record<string, string>;
    mailbox?: MailboxOptions;
  } = {},
): Promise<TestPlatform> {
  const mailbox = await startTestMailbox(options.mailbox);
  const sms = await startSmsInbox();
  const platform = await startPlatform({
    providerEnv: {
      MONGO_URL: process.env.MONGO_URL!,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
      CHROMIUM_PATH: process.env.CHROMIUM_PATH!,
      SMTP_URL: mailbox.url,
      SMS_WEBHOOK_URL: sms.url,
      PUBLIC_URL: TEST_PUBLIC_URL,
      ...options.providerEnv,
    },
    basePort,
    logDir: join(cacheDir, `test/logs/${name}`),
    replicas: options.replicas,
    nodeArgs: options.nodeArgs,
    compiled: options.compiled,
  }).catch(async (error: unknown) => {
    await mailbox.close();
    await sms.close();
    throw error;
  });
  let stopped: Promise<Record<string, number | null>> | undefined;
  return {
    platform,
    mailbox,
    sms,
    // Idempotent: a test may stop it to check the exit codes, afterAll again.
    stop: () =>
      (stopped ??= (async () => {
        const codes = await platform.stop();
        await mailbox.close();
        await sms.close();
        return codes;
      })()),
  };
}
