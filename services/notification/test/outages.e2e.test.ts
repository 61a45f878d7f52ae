import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  cacheDir,
  createTopics,
  eventually,
  grantAndJoin,
  graphqlData,
  registerOrganization,
  startKafka,
  startTestMailbox,
  startTestPlatform,
  type Auth,
  type KafkaHandle,
  type TestMailbox,
  type TestPlatform,
  issueInvoice as issueInvoiceAs,
} from '@portico/local-infra';

/**
 * Nothing is lost while the SMTP server or the broker is down for a while:
 * documents issued meanwhile are emailed, each once, when it is back. The
 * platform runs on a Kafka broker of this test's own, so it can be stopped.
 */
// Below Linux's ephemeral range (32768-60999): a broker started this late in a test run
// could otherwise find its port taken by one of the run's own outgoing connections.
const KAFKA_PORT = 29192;
const logDir = join(cacheDir, 'test/logs/outages');
const kafkaDir = join(cacheDir, 'test/data/kafka-outages');
let kafka: KafkaHandle;
let running: TestPlatform;
let gateway: string;
let owner: Auth;
let customerId: string;
const ORG = 'outages';
const CONTACT = 'contact@outages.example';
/** The SMTP server the platform sends to now (replaced by one on the same port after an outage). */
let mailbox: TestMailbox;

const startBroker = () =>
  startKafka({ port: KAFKA_PORT, controllerPort: KAFKA_PORT + 1, dataDir: kafkaDir, logDir });

beforeAll(async () => {
  rmSync(kafkaDir, { recursive: true, force: true });
  kafka = await startBroker();
  await createTopics(kafka.brokers);
  running = await startTestPlatform('outages', 5300, {
    providerEnv: { KAFKA_BROKERS: kafka.brokers },
  });
  gateway = running.platform.gatewayUrl;
  mailbox = running.mailbox;
  owner = await registerOrganization(gateway, ORG);
  ({
    createCustomer: { id: customerId },
  } = await data<{ createCustomer: { id: string } }>(
    `mutation { createCustomer(input: { type: COMPANY, companyName: "Outage Co", email: "billing@outages.example" }) { id } }`,
  ));
  await grantAndJoin(running, owner.accessToken, ORG, customerId, { email: CONTACT });
}, 180_000);

afterAll(async () => {
  await running?.stop();
  if (mailbox !== running?.mailbox) await mailbox?.close();
  await kafka?.process.stop();
});

const data = <T>(query: string, variables: Record<string, unknown> = {}) =>
  graphqlData<T>(gateway, query, variables, { token: owner.accessToken });

const issueInvoice = async () =>
  (await issueInvoiceAs(gateway, owner.accessToken, customerId)).number;

interface HistoryEntry {
  subject: string;
  status: string;
  attempts: number;
  error: string | null;
}
async function historyOf(numbers: string[]): Promise<HistoryEntry[]> {
  const { emailHistory } = await data<{ emailHistory: { edges: { node: HistoryEntry }[] } }>(
    `query($c: ID!) { emailHistory(customerId: $c, first: 100) { edges { node { subject status attempts error } } } }`,
    { c: customerId },
  );
  return emailHistory.edges
    .map((edge) => edge.node)
    .filter((email) => numbers.some((number) => email.subject.endsWith(number)));
}

const invoiceEmails = (numbers: string[]) =>
  mailbox.messages.filter((mail) => numbers.some((number) => mail.subject === `Invoice ${number}`));

describe('outages', () => {
  it('emails what was issued while the SMTP server was down, once it is back', async () => {
    const port = Number(new URL(mailbox.url).port);
    await mailbox.close();
    const numbers = [await issueInvoice(), await issueInvoice()];

    // Tried more often than the five quick tries after which such an event used to be
    // dead-lettered (the other invoice may wait behind it on the same partition).
    const failing = await eventually(async () => {
      const history = await historyOf(numbers);
      return history.find((email) => email.attempts > 5);
    }, 30_000);
    expect(failing.status).toBe('FAILED');
    expect(failing.error).toMatch(/ECONNREFUSED/);

    mailbox = await startTestMailbox({ port });
    await eventually(() => Promise.resolve(invoiceEmails(numbers).length === 2), 30_000);
    const history = await eventually(async () => {
      const entries = await historyOf(numbers);
      return entries.every((email) => email.status === 'SENT') && entries;
    });
    expect(history).toHaveLength(2);
    expect(history.every((email) => email.error === null)).toBe(true);
  });

  it('emails what was issued while the broker was down, once it is back', async () => {
    await kafka.process.stop();
    // Issuing does not need the broker: the events wait in the outbox.
    const numbers = [await issueInvoice(), await issueInvoice()];
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    expect(invoiceEmails(numbers)).toHaveLength(0);

    kafka = await startBroker();
    await eventually(() => Promise.resolve(invoiceEmails(numbers).length === 2), 90_000);
    const history = await eventually(async () => {
      const entries = await historyOf(numbers);
      return entries.length === 2 && entries.every((email) => email.status === 'SENT') && entries;
    });
    expect(history).toHaveLength(2);
  });

  it('sent each email once, and every process lived through both outages', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const subjects = mailbox.messages
      .filter((mail) => mail.subject?.startsWith('Invoice '))
      .map((mail) => mail.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(await running.stop()).toEqual({
      gateway: 0,
      identity: 0,
      customer: 0,
      document: 0,
      notification: 0,
    });
  });
});
