import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  eventually,
  grantAndJoin,
  graphqlData,
  metricTotal,
  registerOrganization,
  scrapeMetrics,
  startTestPlatform,
  type Auth,
  type TestMailbox,
  type TestPlatform,
  issueInvoice,
} from '@portico/local-infra';

/**
 * Scaling out: two document and two notification processes on one database
 * and one broker, each pair behind a round-robin proxy as a Kubernetes
 * Service would put them. Documents issued through both document replicas
 * get gap-free numbers; every issued document gives one email to the contact
 * and one webhook call, never two, also while a replica of each service
 * shuts down in the middle of the work (a rolling update).
 */
let running: TestPlatform;
let gateway: string;
let owner: Auth;
let customerId: string;
const ORG = 'replicas';
const CONTACT = 'contact@replicas.example';

// A partner's webhook receiver: every POST it got, by webhook-id.
let receiver: Server;
let receiverUrl: string;
const webhookCalls: string[] = [];

beforeAll(async () => {
  running = await startTestPlatform('replicas', 5200, {
    replicas: { document: 2, notification: 2 },
  });
  gateway = running.platform.gatewayUrl;
  receiver = createServer((request, response) => {
    webhookCalls.push(String(request.headers['webhook-id']));
    request.resume().on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  owner = await registerOrganization(gateway, ORG);
  ({
    createCustomer: { id: customerId },
  } = await data<{ createCustomer: { id: string } }>(
    `mutation { createCustomer(input: { type: COMPANY, companyName: "Scale Co", email: "billing@replicas.example" }) { id } }`,
  ));
  await grantAndJoin(running, owner.accessToken, ORG, customerId, { email: CONTACT });
  await data(
    `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }`,
    { input: { url: receiverUrl, eventTypes: ['DOCUMENT_ISSUED'] } },
  );
}, 180_000);

afterAll(async () => {
  await running?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

const data = <T>(query: string, variables: Record<string, unknown> = {}) =>
  graphqlData<T>(gateway, query, variables, { token: owner.accessToken });

/** Creates and issues an invoice, each step through whichever document replica the proxy picks. */
const issueInvoiceNumbered = (index: number) =>
  issueInvoice(gateway, owner.accessToken, customerId, {
    lines: [{ description: `Item ${index}`, quantity: '1', unitPrice: '10.00', taxRate: '19' }],
  });

/** Issues `count` invoices, four at a time. */
async function issueMany(from: number, count: number, whenStarted?: () => Promise<void>) {
  const issued: { id: string; number: string }[] = [];
  const indexes = Array.from({ length: count }, (_, i) => from + i);
  const worker = async () => {
    for (let index = indexes.shift(); index !== undefined; index = indexes.shift())
      issued.push(await issueInvoiceNumbered(index));
  };
  await Promise.all([...Array.from({ length: 4 }, worker), whenStarted?.()]);
  return issued;
}

const documentEmails = () =>
  running.mailbox.messages.filter((mail) => mail.subject?.startsWith('Invoice '));
const recipientOf = (mail: TestMailbox['messages'][number]) =>
  (Array.isArray(mail.to) ? mail.to : [mail.to]).map((to) => to?.text).join(',');

const emailsSentBy = async (port: number) =>
  metricTotal(await scrapeMetrics(`http://127.0.0.1:${port}`), 'emails_total', {
    kind: 'DOCUMENT_ISSUED',
    outcome: 'sent',
  });

const processNamed = (name: string) => running.platform.processes.find((p) => p.name === name)!;

describe('two replicas of the document and notification services', () => {
  const issued: { id: string; number: string }[] = [];

  it('share the work: requests go to both document replicas, events to both notification replicas', async () => {
    issued.push(...(await issueMany(1, 16)));
    await eventually(() => Promise.resolve(documentEmails().length >= issued.length), 60_000);

    const served = running.platform.balancers.document!.served;
    for (const port of [processNamed('document-1').port, processNamed('document-2').port])
      expect(served.get(port)).toBeGreaterThan(0);
    // Documents are keyed by id over six partitions, three per notification replica.
    const sent = await Promise.all(
      ['notification-1', 'notification-2'].map((name) =>
        emailsSentBy(processNamed(name).metricsPort),
      ),
    );
    expect(sent[0]).toBeGreaterThan(0);
    expect(sent[1]).toBeGreaterThan(0);
    expect(sent[0]! + sent[1]!).toBe(issued.length);
  });

  it('keep going, losing nothing, while one replica of each stops mid-work', async () => {
    const stopOneOfEach = async () => {
      // Let the first issues get under way, then shut down as a rolling update would.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const codes = await Promise.all([
        processNamed('notification-1').process.stop(),
        processNamed('document-1').process.stop(),
      ]);
      expect(codes).toEqual([0, 0]);
    };
    issued.push(...(await issueMany(17, 16, stopOneOfEach)));
    await eventually(() => Promise.resolve(documentEmails().length >= issued.length), 90_000);
  });

  it('did all the work once and none of it twice', async () => {
    // Numbers: one per document, gap-free across both document replicas.
    const numbers = issued.map((document) => Number(document.number.split('-').pop()));
    expect(new Set(numbers).size).toBe(32);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));

    // Give late duplicates (a redelivered event, a second webhook try) time to show.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    // Emails: the contact gets every invoice exactly once.
    const emails = documentEmails();
    expect(emails.every((mail) => recipientOf(mail).includes(CONTACT))).toBe(true);
    expect(emails.map((mail) => mail.subject).sort()).toEqual(
      issued.map((d) => `Invoice ${d.number}`).sort(),
    );
    expect(new Set(emails.map((mail) => mail.messageId)).size).toBe(emails.length);

    // History: one entry per email, all sent at the first attempt.
    const { emailHistory } = await data<{
      emailHistory: { edges: { node: { kind: string; status: string; attempts: number } }[] };
    }>(
      `query($c: ID!) { emailHistory(customerId: $c, first: 100) { edges { node { kind status attempts } } } }`,
      { c: customerId },
    );
    const documentHistory = emailHistory.edges
      .map((edge) => edge.node)
      .filter((email) => email.kind === 'DOCUMENT_ISSUED');
    expect(documentHistory).toHaveLength(issued.length);
    expect(documentHistory.every((email) => email.status === 'SENT' && email.attempts === 1)).toBe(
      true,
    );

    // Webhooks: one call per issued document, each event once.
    await eventually(() => Promise.resolve(webhookCalls.length >= issued.length), 30_000);
    expect(webhookCalls).toHaveLength(issued.length);
    expect(new Set(webhookCalls).size).toBe(issued.length);
  });
});
