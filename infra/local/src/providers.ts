import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './chromium';
import { dockerAnswers, startKafkaContainer, startMongoContainer } from './containers';
import { startDevMailbox } from './dev-mailbox';
import { startSmsInbox } from './sms-inbox';
import { startFerretDb } from './ferretdb';
import { startKafka } from './kafka';
import { cacheDir } from './paths';
import { createTopics } from './topics';

/**
 * `dev` keeps its data between runs and adds a mail catcher; `test` starts
 * from empty data on other ports, so a dev platform and tests can run side
 * by side.
 */
export type Profile = 'dev' | 'test';

const PORTS = {
  dev: {
    mongo: 27017,
    kafka: 9092,
    kafkaController: 9093,
    smtp: 1025,
    mailWeb: 1080,
    smsWebhook: 1081,
  },
  // Below Linux's ephemeral range (32768-60999): no outgoing connection can hold them at start.
  test: { mongo: 27027, kafka: 19092, kafkaController: 19093, smtp: 0, mailWeb: 0, smsWebhook: 0 },
};

export interface Providers {
  /** MONGO_URL, KAFKA_BROKERS, CHROMIUM_PATH and (dev) SMTP_URL for the services. */
  env: Record<string, string>;
  /** What was started where, for the console. */
  summary: string[];
  /** MailDev's web address (dev): its REST API lists the caught emails. */
  mailInboxUrl?: string;
  stop(): Promise<void>;
}

/**
 * Uses what the environment names (MONGO_URL, KAFKA_BROKERS, SMTP_URL,
 * CHROMIUM_PATH) and starts a local provider for everything it leaves unset:
 * testcontainers in tests when Docker answers, otherwise FerretDB and Kafka
 * from the project's cache. Providers start in parallel.
 */
export async function startProviders(profile: Profile): Promise<Providers> {
  const ports = PORTS[profile];
  const base = join(cacheDir, profile);
  const logDir = join(base, 'logs');
  if (profile === 'test') rmSync(join(base, 'data'), { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const useContainers = profile === 'test' && (await dockerAnswers());
  const stops: (() => Promise<unknown>)[] = [];
  const summary: string[] = [];
  let mailInboxUrl: string | undefined;

  const mongo = async (): Promise<string> => {
    if (process.env.MONGO_URL) return process.env.MONGO_URL;
    if (useContainers) {
      const container = await startMongoContainer();
      stops.push(container.stop);
      summary.push(`MongoDB 7 container ${container.url}`);
      return container.url;
    }
    const ferret = await startFerretDb({
      port: ports.mongo,
      dataDir: join(base, 'data/ferretdb'),
      logDir,
    });
    stops.push(() => ferret.process.stop());
    summary.push(`FerretDB (SQLite)  ${ferret.url}  data: ${join(base, 'data/ferretdb')}`);
    return ferret.url;
  };
  const kafka = async (): Promise<string> => {
    if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
    if (useContainers) {
      const container = await startKafkaContainer();
      stops.push(container.stop);
      summary.push(`Kafka container    ${container.url}`);
      return container.url;
    }
    const broker = await startKafka({
      port: ports.kafka,
      controllerPort: ports.kafkaController,
      dataDir: join(base, 'data/kafka'),
      logDir,
    });
    stops.push(() => broker.process.stop());
    summary.push(`Kafka (KRaft)      ${broker.brokers}`);
    return broker.brokers;
  };
  const smtp = async (): Promise<string | undefined> => {
    if (process.env.SMTP_URL) return process.env.SMTP_URL;
    if (profile !== 'dev') return undefined; // tests start their own SMTP server
    const mailbox = await startDevMailbox({ smtpPort: ports.smtp, webPort: ports.mailWeb, logDir });
    stops.push(() => mailbox.process.stop());
    summary.push(`Mail inbox         ${mailbox.webUrl}  (MailDev)`);
    mailInboxUrl = mailbox.webUrl;
    return mailbox.smtpUrl;
  };

  const sms = async (): Promise<string | undefined> => {
    if (process.env.SMS_WEBHOOK_URL) return process.env.SMS_WEBHOOK_URL;
    if (profile !== 'dev') return undefined; // tests start their own inbox
    const inbox = await startSmsInbox({
      port: ports.smsWebhook,
      // A local stand-in for phones: the developer reads the code here.
      onMessage: (message) => console.log(`SMS to ${message.to}: ${message.body}`),
    });
    stops.push(() => inbox.close());
    summary.push(`SMS inbox          ${inbox.url}  (printed here)`);
    return inbox.url;
  };

  try {
    const [mongoUrl, brokers, smtpUrl, smsUrl, chromium] = await Promise.all([
      mongo(),
      kafka(),
      smtp(),
      sms(),
      ensureChromium(),
    ]);
    await createTopics(brokers);
    summary.push(`Chromium           ${chromium}`);
    return {
      env: {
        MONGO_URL: mongoUrl,
        KAFKA_BROKERS: brokers,
        CHROMIUM_PATH: chromium,
        ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}),
        ...(smsUrl ? { SMS_WEBHOOK_URL: smsUrl } : {}),
      },
      summary,
      mailInboxUrl,
      stop: async () => {
        await Promise.allSettled(stops.reverse().map((stop) => stop()));
      },
    };
  } catch (error) {
    await Promise.allSettled(stops.map((stop) => stop()));
    throw error;
  }
}
