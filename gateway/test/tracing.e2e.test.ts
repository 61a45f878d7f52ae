import { randomBytes } from 'node:crypto';
import {
  emailTo,
  eventually,
  graphqlData,
  graphqlRequest,
  registerOrganization,
  startTestPlatform,
  startTraceCollector,
  type CollectedSpan,
  type TestPlatform,
  type TraceCollector,
} from '@portico/local-infra';

/**
 * Traces across the platform: every process exports to one OTLP collector, and an invoice issued
 * through the gateway is one trace from the client's request to the email's SMTP send.
 */
let collector: TraceCollector;
let running: TestPlatform;
let gateway: string;

beforeAll(async () => {
  collector = await startTraceCollector();
  running = await startTestPlatform('tracing', 5800, {
    providerEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint },
  });
  gateway = running.platform.gatewayUrl;
}, 120_000);
afterAll(async () => {
  await running?.stop();
  await collector?.close();
});

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const SPAN_KIND = { server: 2, client: 3, consumer: 5 } as const;

/** The spans of one trace, with a way to walk from a span to its parent. */
function traceOf(spans: CollectedSpan[], traceId: string) {
  const own = spans.filter((span) => span.traceId === traceId);
  const byId = new Map(own.map((span) => [span.spanId, span]));
  const find = (service: string, name: string | RegExp) =>
    own.find(
      (span) =>
        span.service === service &&
        (typeof name === 'string' ? span.name === name : name.test(span.name)),
    );
  /** True when `ancestor` is `span`'s parent, or its parent's parent, and so on. */
  const descendsFrom = (span: CollectedSpan, ancestor: CollectedSpan) => {
    for (let at = byId.get(span.parentSpanId); at; at = byId.get(at.parentSpanId))
      if (at.spanId === ancestor.spanId) return true;
    return false;
  };
  return { own, find, descendsFrom };
}

it('follows an issued invoice from the client through the subgraph and Kafka to its email', async () => {
  const owner = await registerOrganization(gateway, 'traced');
  const { createCustomer } = await graphqlData<{ createCustomer: { id: string } }>(
    gateway,
    'mutation { createCustomer(input: { type: COMPANY, companyName: "Traced GmbH", email: "billing@traced-customer.example" }) { id } }',
    {},
    { token: owner.accessToken },
  );
  const created = await eventually(async () => {
    const result = await graphqlRequest<{ createDocument: { id: string } }>(
      gateway,
      `mutation($input: DocumentInput!) { createDocument(input: $input) { id } }`,
      {
        input: {
          customerId: createCustomer.id,
          type: 'INVOICE',
          currency: 'EUR',
          lines: [{ description: 'Audit', quantity: '1', unitPrice: '100.00', taxRate: '19' }],
        },
      },
      { token: owner.accessToken },
    );
    return result.data?.createDocument;
  });

  // The client starts the trace; the platform continues it.
  const traceId = hex(16);
  const clientSpanId = hex(8);
  const issued = await graphqlRequest(
    gateway,
    'mutation($id: ID!) { issueDocument(id: $id) { number } }',
    { id: created.id },
    { token: owner.accessToken, headers: { traceparent: `00-${traceId}-${clientSpanId}-01` } },
  );
  expect(issued.errors).toBeUndefined();
  const mail = await emailTo(running.mailbox, 'billing@traced-customer.example', 'Invoice');
  expect(mail.attachments.map((attachment) => attachment.contentType)).toContain('application/pdf');

  // Each process sends its spans in batches of its own: wait for every one this test reads.
  const expected = [
    'gateway POST /graphql',
    'document POST /graphql',
    'notification process document.events.v1',
    'notification render pdf',
    'notification smtp send',
  ];
  const spans = await collector.waitFor((all) => {
    const seen = new Set(
      all.filter((span) => span.traceId === traceId).map((span) => `${span.service} ${span.name}`),
    );
    return expected.every((name) => seen.has(name));
  });
  const trace = traceOf(spans, traceId);
  const gatewayServer = trace.find('gateway', 'POST /graphql');
  const gatewayCall = trace.find('gateway', /^POST http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  const documentServer = trace.find('document', 'POST /graphql');
  const sent = trace.find('notification', 'smtp send');
  const rendered = trace.find('notification', 'render pdf');
  // Each consumer group of the event continues the trace; one of them sent the email.
  const consumers = trace.own.filter((span) => span.name === 'process document.events.v1');
  const consumed = consumers.find((span) => span.spanId === sent?.parentSpanId);

  expect(gatewayServer).toMatchObject({ kind: SPAN_KIND.server, parentSpanId: clientSpanId });
  // @apollo/gateway's own spans (gateway.request, .plan, .fetch) sit in between.
  expect(gatewayCall?.kind).toBe(SPAN_KIND.client);
  expect(trace.descendsFrom(gatewayCall!, gatewayServer!)).toBe(true);
  expect(documentServer).toMatchObject({
    kind: SPAN_KIND.server,
    parentSpanId: gatewayCall!.spanId,
  });
  expect(documentServer!.attributes['http.response.status_code']).toBe(200);
  // The event carried the document service's span through the outbox and Kafka.
  expect(consumed).toMatchObject({
    service: 'notification',
    kind: SPAN_KIND.consumer,
    attributes: expect.objectContaining({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'document.events.v1',
      'cloudevents.event_type': 'portico.document.issued.v1',
    }) as unknown,
  });
  expect(consumers.map((span) => span.parentSpanId)).toEqual(
    consumers.map(() => documentServer!.spanId),
  );
  expect(trace.descendsFrom(rendered!, consumed!)).toBe(true);
  expect(sent).toMatchObject({ kind: SPAN_KIND.client, status: 0 });
  // Only the invoice's work is in it: nothing from other requests or the probes.
  expect(trace.own.every((span) => span.traceId === traceId)).toBe(true);
  expect(trace.own.some((span) => span.name.includes('/health/'))).toBe(false);
});

it('starts a trace of its own for a request that brings none, and keeps the request id', async () => {
  const before = collector.spans.length;
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'traced-request-1' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(response.headers.get('x-request-id')).toBe('traced-request-1');
  const spans = await collector.waitFor((all) =>
    all.slice(before).some((span) => span.service === 'gateway' && span.parentSpanId === ''),
  );
  const root = spans.slice(before).find((span) => span.service === 'gateway' && !span.parentSpanId);
  expect(root).toMatchObject({ name: 'POST /graphql', kind: SPAN_KIND.server });
  expect(root!.traceId).toMatch(/^[0-9a-f]{32}$/);
});
