import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
// eslint-disable-next-line no-restricted-imports -- a partner reads the topic with a plain client, not our bus
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { parse as parseYaml } from 'yaml';
import {
  errorCode,
  errorField,
  eventually,
  grantAndJoin,
  graphqlData,
  graphqlRequest,
  registerOrganization,
  startTestPlatform,
  type Auth,
  type TestPlatform,
  issueInvoice as issueInvoiceAs,
} from '@portico/local-infra';
import { verifyWebhook } from '../src/partners/webhook-signature';

/**
 * Partner systems through the real platform: the partner topic read with a
 * plain Kafka client and checked against the published JSON Schemas, and
 * webhooks POSTed to a real HTTP receiver that fails, then recovers.
 */
let running: TestPlatform;
let gateway: string;

// --- a partner's webhook receiver: answers each path as told, records what came ---
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Per path: statuses to answer in turn; 200 once they run out. */
const script = new Map<string, number[]>();

// --- a partner's Kafka consumer of the documented topic ---
const PARTNER_TOPIC = 'partner.document.events.v1';
let consumer: Consumer;
const partnerMessages: { key: string; value: string; requestId?: string }[] = [];

beforeAll(async () => {
  running = await startTestPlatform('partners', 5000);
  gateway = running.platform.gatewayUrl;
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        path: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const status = script.get(req.url!)?.shift() ?? 200;
      // A redirect points at this same receiver, so a followed one would show up in `received`.
      const location = status >= 300 && status < 400 ? { location: `/followed${req.url}` } : {};
      res.writeHead(status, location).end(status === 200 ? 'ok' : `nope ${status}`);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  const kafka = new Kafka({
    clientId: 'partner-test',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  consumer = kafka.consumer({ groupId: `partner-test-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: PARTNER_TOPIC, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      partnerMessages.push({
        key: message.key!.toString(),
        value: message.value!.toString(),
        requestId: message.headers?.['x-request-id']?.toString(),
      });
    },
  });
}, 120_000);
afterAll(async () => {
  await consumer?.disconnect();
  await new Promise((resolve) => receiver?.close(resolve));
  await running?.stop();
});

const gql = <T>(query: string, variables: Record<string, unknown>, token: string) =>
  graphqlRequest<T>(gateway, query, variables, { token });
const data = <T>(query: string, variables: Record<string, unknown>, token: string) =>
  graphqlData<T>(gateway, query, variables, { token });

async function customer(token: string, name: string): Promise<string> {
  const { createCustomer } = await data<{ createCustomer: { id: string } }>(
    'mutation($n: String!) { createCustomer(input: { type: COMPANY, companyName: $n, email: "billing@partner.example" }) { id } }',
    { n: name },
    token,
  );
  return createCustomer.id;
}

/** Issues an invoice of 238.00 EUR with an internal note; returns its id. */
const issueInvoice = async (token: string, customerId: string) =>
  (
    await issueInvoiceAs(gateway, token, customerId, {
      notes: 'internal remark',
      lines: [{ description: 'Consulting', quantity: '2', unitPrice: '100.00', taxRate: '19' }],
    })
  ).id;

interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
}
const DELIVERY = 'id eventId eventType status attempts responseStatus error';

async function deliveries(token: string, endpointId: string): Promise<Delivery[]> {
  const { webhookEndpoint } = await data<{
    webhookEndpoint: { deliveries: { edges: { node: Delivery }[] } };
  }>(
    `query($id: ID!) { webhookEndpoint(id: $id) { deliveries { edges { node { ${DELIVERY} } } } } }`,
    { id: endpointId },
    token,
  );
  return webhookEndpoint.deliveries.edges.map((edge) => edge.node);
}

/** The endpoint's deliveries once the newest has reached `status`. */
function deliveriesOnce(
  token: string,
  endpointId: string,
  status: string,
  timeoutMs?: number,
): Promise<Delivery[]> {
  return eventually(async () => {
    const list = await deliveries(token, endpointId);
    return list[0]?.status === status ? list : undefined;
  }, timeoutMs);
}

async function register(token: string, path: string, eventTypes: string[]) {
  const { registerWebhookEndpoint } = await data<{
    registerWebhookEndpoint: { secret: string; endpoint: { id: string; url: string } };
  }>(
    `mutation($input: RegisterWebhookEndpointInput!) {
       registerWebhookEndpoint(input: $input) { secret endpoint { id url eventTypes enabled } }
     }`,
    { input: { url: `${receiverUrl}${path}`, eventTypes, description: 'ERP' } },
    token,
  );
  return { id: registerWebhookEndpoint.endpoint.id, secret: registerWebhookEndpoint.secret };
}

/** The tenant id from the access token's `tid` claim. */
const tenantOf = (auth: Auth) =>
  (
    JSON.parse(Buffer.from(auth.accessToken.split('.')[1]!, 'base64url').toString()) as {
      tid: string;
    }
  ).tid;

const cloudEventsOf = (path: string) =>
  received
    .filter((request) => request.path === path)
    .map(
      (request) =>
        JSON.parse(request.body) as {
          id: string;
          type: string;
          subject: string;
          tenantid: string;
          data: Record<string, unknown>;
        },
    );

describe('partner event topic', () => {
  // Each message's payload as schemas/events/asyncapi.yaml documents it (envelope + data schema).
  const schemasDir = join(__dirname, '../../../schemas/events');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(schemasDir).filter((name) => name.endsWith('.json')))
    ajv.addSchema(JSON.parse(readFileSync(join(schemasDir, file), 'utf8')) as object);
  const asyncapi = parseYaml(readFileSync(join(schemasDir, 'asyncapi.yaml'), 'utf8')) as {
    components: { messages: Record<string, { name: string; payload: object }> };
  };
  const documented = new Map(
    Object.values(asyncapi.components.messages).map((message) => [
      message.name,
      // Its relative $refs resolve next to the schema files' own $ids.
      ajv.compile({
        $id: `https://portico.dev/events/${message.name}.message.json`,
        ...message.payload,
      }),
    ]),
  );

  it('carries issued and paid documents as CloudEvents matching the published schemas, without internals', async () => {
    const owner = await registerOrganization(gateway, `partner-${randomUUID().slice(0, 6)}`);
    const documentId = await issueInvoice(
      owner.accessToken,
      await customer(owner.accessToken, 'Topic GmbH'),
    );
    await data(
      'mutation($id: ID!) { recordPayment(documentId: $id, input: { amount: "100.00", date: "2026-11-24" }) { id } }',
      { id: documentId },
      owner.accessToken,
    );
    const messages = await eventually(async () => {
      const found = partnerMessages.filter((message) => message.key === documentId);
      return found.length >= 2 ? found : undefined;
    });
    const events = messages.map(
      (message) => JSON.parse(message.value) as { type: string; tenantid: string; data: object },
    );
    expect(events.map((event) => event.type).sort()).toEqual([
      'portico.partner.document-issued.v1',
      'portico.partner.payment-recorded.v1',
    ]);
    for (const event of events) {
      const validate = documented.get(event.type)!;
      expect(validate(event) ? null : validate.errors).toBeNull();
      expect(validate({ ...event, data: { ...event.data, secret: 'x' } })).toBe(false); // it does check
      expect(event.tenantid).toBe(tenantOf(owner));
    }
    const text = messages.map((message) => message.value).join('\n');
    for (const internal of [
      'billing@partner.example',
      'internal remark',
      'Consulting',
      owner.user.id,
    ])
      expect(text).not.toContain(internal);
    expect(events.find((event) => event.type.endsWith('payment-recorded.v1'))?.data).toMatchObject({
      amount: '100.00',
      paidTotal: '100.00',
      balanceDue: '138.00',
    });
  });
});

describe('request id', () => {
  it('travels gateway → document subgraph → outbox → Kafka → notification consumer → partner topic', async () => {
    const owner = await registerOrganization(gateway, `rid-${randomUUID().slice(0, 6)}`);
    const customerId = await customer(owner.accessToken, 'Trace GmbH');
    const { createDocument } = await eventually(async () => {
      const result = await gql<{ createDocument: { id: string } }>(
        'mutation($c: ID!) { createDocument(input: { customerId: $c, type: INVOICE, currency: "EUR", lines: [{ description: "x", quantity: "1", unitPrice: "1.00", taxRate: "19" }] }) { id } }',
        { c: customerId },
        owner.accessToken,
      );
      return result.data;
    });
    const requestId = `req-e2e-${randomUUID()}`;
    const issued = await fetch(gateway, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${owner.accessToken}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({
        query: 'mutation($id: ID!) { issueDocument(id: $id) { id } }',
        variables: { id: createDocument.id },
      }),
    });
    expect(issued.headers.get('x-request-id')).toBe(requestId);
    const message = await eventually(async () =>
      partnerMessages.find((entry) => entry.key === createDocument.id),
    );
    expect(message.requestId).toBe(requestId);
    expect(message.value).not.toContain(requestId); // a header, not part of what partners store
  });
});

describe('webhooks', () => {
  let owner: Auth;
  let org: string;

  beforeAll(async () => {
    org = `hooks-${randomUUID().slice(0, 6)}`;
    owner = await registerOrganization(gateway, org);
  });

  it('delivers a signed event, retrying a failing receiver until it recovers, with the status visible', async () => {
    const path = `/recovers-${randomUUID()}`;
    script.set(path, [503, 503]);
    const endpoint = await register(owner.accessToken, path, ['DOCUMENT_ISSUED']);
    const documentId = await issueInvoice(
      owner.accessToken,
      await customer(owner.accessToken, 'Hook AG'),
    );

    const [delivery] = await deliveriesOnce(owner.accessToken, endpoint.id, 'SUCCEEDED', 20_000);
    expect(delivery).toMatchObject({
      eventType: 'DOCUMENT_ISSUED',
      attempts: 3,
      responseStatus: 200,
      error: null,
    });

    const tries = received.filter((request) => request.path === path);
    expect(tries).toHaveLength(3);
    for (const attempt of tries) {
      expect(attempt.headers['webhook-id']).toBe(delivery!.eventId);
      expect(attempt.headers['content-type']).toBe('application/cloudevents+json');
      expect(verifyWebhook(endpoint.secret, attempt.headers, attempt.body)).toBe(true);
      expect(
        verifyWebhook(endpoint.secret, attempt.headers, attempt.body.replace('238.00', '1.00')),
      ).toBe(false);
    }
    const [event] = cloudEventsOf(path);
    expect(event).toMatchObject({
      id: delivery!.eventId,
      type: 'portico.partner.document-issued.v1',
      subject: documentId,
      tenantid: tenantOf(owner),
      data: { documentId, grossTotal: '238.00', currency: 'EUR' },
    });

    const { webhookEndpoints } = await data<{
      webhookEndpoints: { id: string; lastDelivery: Delivery }[];
    }>(`{ webhookEndpoints { id lastDelivery { ${DELIVERY} } } }`, {}, owner.accessToken);
    expect(webhookEndpoints.find((listed) => listed.id === endpoint.id)?.lastDelivery.status).toBe(
      'SUCCEEDED',
    );
  });

  it('gives up after the last try with the receiver’s answer, and redelivers on request', async () => {
    const path = `/down-${randomUUID()}`;
    script.set(path, [500, 500, 500, 500]); // WEBHOOK_MAX_ATTEMPTS is 4 on the test platform
    const endpoint = await register(owner.accessToken, path, ['DOCUMENT_ISSUED']);
    await issueInvoice(owner.accessToken, await customer(owner.accessToken, 'Down KG'));

    const [failed] = await deliveriesOnce(owner.accessToken, endpoint.id, 'FAILED', 30_000);
    expect(failed).toMatchObject({ attempts: 4, responseStatus: 500, error: 'HTTP 500: nope 500' });

    const { redeliverWebhook } = await data<{ redeliverWebhook: Delivery }>(
      `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { ${DELIVERY} } }`,
      { id: failed!.id },
      owner.accessToken,
    );
    expect(redeliverWebhook.status).toBe('PENDING');
    const [again] = await deliveriesOnce(owner.accessToken, endpoint.id, 'SUCCEEDED');
    expect(again).toMatchObject({ attempts: 1, responseStatus: 200 });
    expect(received.filter((request) => request.path === path)).toHaveLength(5);
  });

  it('follows no redirect: a receiver that answers 302 has failed', async () => {
    const path = `/moved-${randomUUID()}`;
    script.set(path, [302, 302, 302, 302]);
    const endpoint = await register(owner.accessToken, path, ['DOCUMENT_ISSUED']);
    await issueInvoice(owner.accessToken, await customer(owner.accessToken, 'Moved SE'));

    const [failed] = await deliveriesOnce(owner.accessToken, endpoint.id, 'FAILED', 30_000);
    expect(failed).toMatchObject({ attempts: 4, responseStatus: 302 });
    expect(received.filter((request) => request.path === path)).toHaveLength(4);
    expect(received.some((request) => request.path === `/followed${path}`)).toBe(false);
  });

  it('signs with the new secret only, once rotated; a disabled endpoint gets nothing', async () => {
    const path = `/rotated-${randomUUID()}`;
    const endpoint = await register(owner.accessToken, path, [
      'DOCUMENT_ISSUED',
      'PAYMENT_RECORDED',
    ]);
    const { rotateWebhookSecret } = await data<{ rotateWebhookSecret: { secret: string } }>(
      'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
      { id: endpoint.id },
      owner.accessToken,
    );
    expect(rotateWebhookSecret.secret).not.toBe(endpoint.secret);
    const customerId = await customer(owner.accessToken, 'Rotate SE');
    await issueInvoice(owner.accessToken, customerId);
    const [request] = await eventually(async () => {
      const got = received.filter((entry) => entry.path === path);
      return got.length > 0 ? got : undefined;
    });
    expect(verifyWebhook(rotateWebhookSecret.secret, request!.headers, request!.body)).toBe(true);
    expect(verifyWebhook(endpoint.secret, request!.headers, request!.body)).toBe(false);

    await data(
      'mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: false }) { enabled } }',
      { id: endpoint.id },
      owner.accessToken,
    );
    const otherDocument = await issueInvoice(owner.accessToken, customerId);
    // The feed handled the second document (its partner event is on the topic) but queued nothing.
    await eventually(
      async () => partnerMessages.some((message) => message.key === otherDocument) || undefined,
    );
    expect(await deliveries(owner.accessToken, endpoint.id)).toHaveLength(1);
  });

  it('refuses URLs that are not http(s), carry credentials, or choose no event', async () => {
    const attempt = (input: Record<string, unknown>) =>
      gql(
        'mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }',
        { input },
        owner.accessToken,
      );
    for (const url of ['ftp://example.com/hook', 'not a url', 'https://user:pw@example.com/hook']) {
      const result = await attempt({ url, eventTypes: ['DOCUMENT_ISSUED'] });
      expect([errorCode(result), errorField(result)]).toEqual(['BAD_USER_INPUT', 'input.url']);
    }
    const none = await attempt({ url: 'https://example.com/hook', eventTypes: [] });
    expect([errorCode(none), errorField(none)]).toEqual(['BAD_USER_INPUT', 'input.eventTypes']);
  });

  it('keeps tenants apart: another tenant neither sees nor changes an endpoint, nor feeds it', async () => {
    const path = `/tenant-a-${randomUUID()}`;
    const endpoint = await register(owner.accessToken, path, ['DOCUMENT_ISSUED']);
    const other = await registerOrganization(gateway, `other-${randomUUID().slice(0, 6)}`);

    const seen = await data<{ webhookEndpoint: unknown; webhookEndpoints: unknown[] }>(
      'query($id: ID!) { webhookEndpoint(id: $id) { id } webhookEndpoints { id } }',
      { id: endpoint.id },
      other.accessToken,
    );
    expect(seen).toEqual({ webhookEndpoint: null, webhookEndpoints: [] });
    for (const mutation of [
      'mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { url: "https://evil.example/x" }) { id } }',
      'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
      'mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }',
    ])
      expect(errorCode(await gql(mutation, { id: endpoint.id }, other.accessToken))).toBe(
        'NOT_FOUND',
      );

    const theirs = await issueInvoice(
      other.accessToken,
      await customer(other.accessToken, 'Other Ltd'),
    );
    const ours = await issueInvoice(
      owner.accessToken,
      await customer(owner.accessToken, 'Ours Ltd'),
    );
    const [delivered] = await eventually(async () => {
      const got = cloudEventsOf(path);
      return got.length > 0 ? got : undefined;
    });
    expect(delivered!.subject).toBe(ours);
    await eventually(
      async () => partnerMessages.some((message) => message.key === theirs) || undefined,
    );
    expect(cloudEventsOf(path).map((event) => event.subject)).toEqual([ours]);

    const redeliver = await gql(
      'mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }',
      { id: (await deliveries(owner.accessToken, endpoint.id))[0]!.id },
      other.accessToken,
    );
    expect(errorCode(redeliver)).toBe('NOT_FOUND');
  });

  it('is for owners and admins: a portal contact is refused', async () => {
    const customerId = await customer(owner.accessToken, 'Contact Co');
    const { contact } = await grantAndJoin(running, owner.accessToken, org, customerId, {
      email: `contact-${randomUUID().slice(0, 6)}@partner.example`,
    });
    expect(errorCode(await gql('{ webhookEndpoints { id } }', {}, contact.accessToken))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('metrics', () => {
  it('counts PDFs rendered, emails sent, webhook tries and consumer lag on /metrics', async () => {
    const { metricsPort } = running.platform.processes.find((p) => p.name === 'notification')!;
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
    // The tests above issued documents (rendered, emailed to the billing address) and fed webhooks.
    expect(
      value(/^pdf_render_duration_seconds_count\{[^}]*outcome="rendered"[^}]*\} (\d+)/m),
    ).toBeGreaterThan(0);
    expect(
      value(/^emails_total\{[^}]*kind="DOCUMENT_ISSUED"[^}]*outcome="sent"[^}]*\} (\d+)/m),
    ).toBeGreaterThan(0);
    expect(
      value(/^webhook_tries_total\{[^}]*outcome="failed"[^}]*\} (\d+)/m),
    ).toBeGreaterThanOrEqual(6);
    expect(value(/^webhook_tries_total\{[^}]*outcome="delivered"[^}]*\} (\d+)/m)).toBeGreaterThan(
      0,
    );
    expect(text).toMatch(
      /^kafka_consumer_lag_messages\{[^}]*group="notification\.partner-feed"[^}]*\} \d+/m,
    );
    expect(text).toMatch(/^emails_total\{[^}]*service="notification"/m);
  });
});
