import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  AUTH_FIELDS,
  cacheDir,
  createTopics,
  eventually,
  grantAndJoin,
  graphqlData,
  graphqlRequest,
  login,
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
 * documents issued meanwhile are emailed, each once, when it is back. With
 * the broker killed, reads, sign-ins and writes go on. The platform runs on a
 * Kafka broker of this test's own, so it can be killed.
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signedIn(email: string): Promise<Auth> {
  const result = await login(gateway, email);
  if (!result.data) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
  return result.data.login;
}

const CONTACT_DOCUMENTS = '{ documents(first: 20) { edges { node { id number } } } }';

async function contactDocuments(token: string): Promise<{ id: string; number: string }[]> {
  const { documents } = await graphqlData<{
    documents: { edges: { node: { id: string; number: string } }[] };
  }>(gateway, CONTACT_DOCUMENTS, {}, { token });
  return documents.edges.map((edge) => edge.node);
}

/**
 * Until `until`: two clients, each a read every 200 ms in turn (a contact's list, the staff's
 * customers, `me`), and the gateway's and each subgraph's readiness every second.
 */
async function runLoad(until: number, contactToken: string, staffToken: string) {
  const failures: string[] = [];
  const notReady: string[] = [];
  let requests = 0;
  let readyChecks = 0;
  const reads = [
    { query: CONTACT_DOCUMENTS, token: contactToken },
    { query: '{ customers(first: 10) { edges { node { id displayName } } } }', token: staffToken },
    { query: '{ me { id email } }', token: contactToken },
  ];
  const client = async (offset: number) => {
    for (let turn = offset; Date.now() < until; turn++) {
      const read = reads[turn % reads.length]!;
      const result = await graphqlRequest(gateway, read.query, {}, { token: read.token }).catch(
        (error: unknown) => ({ status: 0, errors: [{ message: String(error) }] }),
      );
      requests += 1;
      if (result.errors) failures.push(`${read.query}: ${JSON.stringify(result.errors)}`);
      await sleep(200);
    }
  };
  const readiness = async () => {
    const ports = running.platform.processes.map((each) => each.port);
    while (Date.now() < until) {
      for (const port of ports) {
        const response = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null);
        readyChecks += 1;
        if (response?.status !== 200) notReady.push(`${port}: ${response?.status ?? 'no answer'}`);
      }
      await sleep(1_000);
    }
  };
  await Promise.all([client(0), client(1), readiness()]);
  return { requests, failures, readyChecks, notReady };
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

  it('serves reads, sign-ins and writes while the broker is killed for a minute', async () => {
    const staffBefore = owner.accessToken;
    const contactBefore = await signedIn(CONTACT);
    const signingOut = await signedIn(CONTACT);
    const [document] = await contactDocuments(contactBefore.accessToken);
    // iat counts whole seconds: the tokens above are clearly older than the outage.
    await sleep(1_500);

    process.kill(kafka.process.pid, 'SIGKILL');
    await kafka.process.exited;
    const killedAt = Date.now();

    // Sign-ins go on; a small load of reads and readiness checks runs for the whole minute.
    const contact = await signedIn(CONTACT);
    const staff = await signedIn(`owner@${ORG}.example`);
    const load = runLoad(killedAt + 60_000, contact.accessToken, staff.accessToken);

    // Writes are accepted; their events wait in the outbox.
    const numbers = [await issueInvoice(), await issueInvoice()];
    const comment = await graphqlRequest<{ addDocumentComment: { id: string } }>(
      gateway,
      'mutation($d: ID!) { addDocumentComment(documentId: $d, body: "Written while the broker was down") { id } }',
      { d: document!.id },
      { token: contact.accessToken },
    );
    expect(comment.errors).toBeUndefined();
    // A sign-out answers, though no process can hear of it yet (before, it hung on the broker).
    const signOutStarted = Date.now();
    const signedOut = await graphqlRequest<{ logout: boolean }>(
      gateway,
      'mutation { logout }',
      {},
      {
        token: signingOut.accessToken,
      },
    );
    expect(signedOut.data?.logout).toBe(true);
    const signOutMs = Date.now() - signOutStarted;

    // Within the bound, tokens from before the outage still pass.
    expect(await contactDocuments(contactBefore.accessToken)).not.toHaveLength(0);
    // Past it, they are refused (a revocation may have been missed), and a renewal works.
    await sleep(Math.max(0, killedAt + 35_000 - Date.now()));
    const refused = await graphqlRequest(
      gateway,
      CONTACT_DOCUMENTS,
      {},
      {
        token: contactBefore.accessToken,
      },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const staffRefused = await graphqlRequest(gateway, '{ me { id } }', {}, { token: staffBefore });
    expect(staffRefused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const renewed = await graphqlData<{ refreshSession: Auth }>(
      gateway,
      `mutation($r: String!) { refreshSession(refreshToken: $r) { ${AUTH_FIELDS} } }`,
      { r: contactBefore.refreshToken },
    );
    expect(await contactDocuments(renewed.refreshSession.accessToken)).not.toHaveLength(0);

    const { requests, failures, readyChecks, notReady } = await load;
    expect(failures).toEqual([]);
    expect(notReady).toEqual([]);
    expect(requests).toBeGreaterThan(100);
    expect(readyChecks).toBeGreaterThan(20);
    expect(invoiceEmails(numbers)).toHaveLength(0);

    // The broker is back: the events flow, each once, and the old token is good again.
    kafka = await startBroker();
    const backAt = Date.now();
    // Tokens from before the outage pass again once every feed reads again (document and
    // notification answer these two).
    await eventually(async () => {
      const reads = await Promise.all([
        graphqlRequest(gateway, CONTACT_DOCUMENTS, {}, { token: contactBefore.accessToken }),
        historyOf(numbers).catch(() => undefined),
      ]);
      return reads[0].errors === undefined && reads[1] !== undefined;
    }, 60_000);
    const trustedAgainMs = Date.now() - backAt;
    process.stdout.write(
      `broker killed for 60 s: ${requests - failures.length} of ${requests} reads answered, ` +
        `${readyChecks - notReady.length} of ${readyChecks} readiness checks 200, ` +
        `sign-out answered in ${signOutMs} ms, older tokens trusted again ${trustedAgainMs} ms ` +
        `after the broker was back\n`,
    );
    await eventually(() => Promise.resolve(invoiceEmails(numbers).length === 2), 90_000);
    const history = await eventually(async () => {
      const entries = await historyOf(numbers);
      return entries.length === 2 && entries.every((email) => email.status === 'SENT') && entries;
    });
    expect(history).toHaveLength(2);
    // The sign-out made during the outage reaches every process.
    await eventually(async () => {
      const after = await graphqlRequest(
        gateway,
        CONTACT_DOCUMENTS,
        {},
        {
          token: signingOut.accessToken,
        },
      );
      return after.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED';
    }, 60_000);
  }, 240_000);

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
