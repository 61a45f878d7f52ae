import {
  eventually,
  graphqlData,
  graphqlRequest,
  startTestPlatform,
  type Platform,
  type TestMailbox,
  type TestPlatform,
} from '@portico/local-infra';

/**
 * The walking skeleton end to end: every process started, driven through the
 * gateway, events crossing from service to service on the real broker.
 */
let running: TestPlatform;
let platform: Platform;
let mailbox: TestMailbox;
let gateway: string;
const startedAt = Date.now();
let readyAfterMs = 0;

beforeAll(async () => {
  running = await startTestPlatform('walking-skeleton', 4100);
  ({ platform, mailbox } = running);
  gateway = platform.gatewayUrl;
  readyAfterMs = Date.now() - startedAt;
}, 120_000);

afterAll(() => running?.stop());

const REGISTER = `mutation Register($input: RegisterOrganizationInput!) {
  registerOrganization(input: $input) { accessToken refreshToken expiresAt user { id email role kind organization { slug } } }
}`;
const CREATE_CUSTOMER = `mutation($input: CustomerInput!) { createCustomer(input: $input) { id number displayName email } }`;
const CREATE_DOCUMENT = `mutation($input: DocumentInput!) { createDocument(input: $input) { id status grossTotal } }`;

async function registerTenant(slug: string) {
  const { registerOrganization } = await graphqlData<{
    registerOrganization: { accessToken: string; user: { id: string } };
  }>(gateway, REGISTER, {
    input: {
      name: `Org ${slug}`,
      slug,
      ownerEmail: `owner@${slug}.example`,
      ownerPassword: 'correct horse battery staple',
      ownerFirstName: 'Olga',
      ownerLastName: 'Owner',
    },
  });
  return registerOrganization;
}

describe('walking skeleton through the gateway', () => {
  let token: string;
  let ownerId: string;
  let customerId: string;
  let documentId: string;

  it('registers an organization and signs the owner in (identity)', async () => {
    const owner = await registerTenant('acme');
    token = owner.accessToken;
    ownerId = owner.user.id;
    const { me } = await graphqlData<{
      me: { email: string; role: string; organization: { name: string } };
    }>(gateway, '{ me { email role organization { name } } }', {}, { token });
    expect(me).toEqual({
      email: 'owner@acme.example',
      role: 'OWNER',
      organization: { name: 'Org acme' },
    });
  });

  it('seeds the tenant access levels from the identity event (identity -> customer)', async () => {
    const levels = await eventually(async () => {
      const { accessLevels } = await graphqlData<{ accessLevels: { name: string }[] }>(
        gateway,
        '{ accessLevels { name } }',
        {},
        { token },
      );
      return accessLevels.length > 0 && accessLevels;
    });
    expect(levels.map((level) => level.name)).toEqual(['Full access', 'Read only', 'Standard']);
  });

  it('creates a customer and rejects bad input naming the field', async () => {
    const { createCustomer } = await graphqlData<{
      createCustomer: { id: string; number: string; displayName: string };
    }>(
      gateway,
      CREATE_CUSTOMER,
      {
        input: {
          type: 'COMPANY',
          companyName: 'Müller Bau GmbH',
          email: 'Billing@Mueller-Bau.example',
        },
      },
      { token },
    );
    customerId = createCustomer.id;
    expect(createCustomer).toMatchObject({ number: 'C-00001', displayName: 'Müller Bau GmbH' });

    const bad = await graphqlRequest(
      gateway,
      CREATE_CUSTOMER,
      { input: { type: 'PERSON', firstName: 'Anna' } },
      { token },
    );
    expect(bad.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.lastName',
    });
  });

  it('creates and issues a document once the customer event reached the document service (customer -> document)', async () => {
    const input = {
      type: 'INVOICE',
      customerId,
      currency: 'EUR',
      issueDate: '2026-11-23',
      dueDate: '2026-12-07',
      lines: [
        { description: 'Consulting', quantity: '10', unitPrice: '100.00', taxRate: '19' },
        { description: 'Travel', quantity: '1', unitPrice: '0.10', taxRate: '19' },
      ],
    };
    const created = await eventually(async () => {
      const result = await graphqlRequest<{
        createDocument: { id: string; status: string; grossTotal: string };
      }>(gateway, CREATE_DOCUMENT, { input }, { token });
      return result.data?.createDocument;
    });
    expect(created).toMatchObject({ status: 'DRAFT', grossTotal: '1190.12' });
    documentId = created.id;

    const { issueDocument } = await graphqlData<{
      issueDocument: { number: string; status: string };
    }>(
      gateway,
      'mutation($id: ID!) { issueDocument(id: $id) { number status } }',
      { id: documentId },
      { token },
    );
    expect(issueDocument).toEqual({ number: 'INV-2026-000001', status: 'ISSUED' });
  });

  it('answers a query that spans the document and customer subgraphs', async () => {
    const { documents } = await graphqlData<{
      documents: {
        totalCount: number;
        edges: {
          node: {
            number: string;
            netTotal: string;
            taxTotal: string;
            customer: { displayName: string; number: string };
          };
        }[];
      };
    }>(
      gateway,
      '{ documents(first: 10) { totalCount edges { node { number netTotal taxTotal customer { displayName number } } } } }',
      {},
      { token },
    );
    expect(documents.totalCount).toBe(1);
    expect(documents.edges[0]!.node).toEqual({
      number: 'INV-2026-000001',
      netTotal: '1000.10',
      taxTotal: '190.02',
      customer: { displayName: 'Müller Bau GmbH', number: 'C-00001' },
    });
  });

  it('emails the issued document with its PDF (document -> notification) and records it as SENT', async () => {
    const mail = await mailbox.waitFor((m) => m.subject === 'Invoice INV-2026-000001');
    expect(mail.to).toMatchObject({ text: 'billing@mueller-bau.example' });
    expect(mail.text).toContain('https://portal.example.test/documents/');
    expect(mail.html).toContain('INV-2026-000001');
    const [attachment] = mail.attachments;
    expect(attachment).toMatchObject({
      filename: 'INV-2026-000001.pdf',
      contentType: 'application/pdf',
    });
    expect(attachment!.content.subarray(0, 4).toString()).toBe('%PDF');

    const history = await eventually(async () => {
      const { emailHistory } = await graphqlData<{
        emailHistory: {
          edges: { node: { status: string; kind: string; documentId: string; attempts: number } }[];
        };
      }>(
        gateway,
        'query($c: ID) { emailHistory(customerId: $c) { edges { node { status kind documentId attempts } } } }',
        { c: customerId },
        { token },
      );
      return emailHistory.edges[0]?.node.status === 'SENT' && emailHistory.edges;
    });
    expect(history.map((edge) => edge.node)).toEqual([
      { status: 'SENT', kind: 'DOCUMENT_ISSUED', documentId, attempts: 1 },
    ]);
  });

  it('writes the audit trail from other services’ events (customer, notification -> identity)', async () => {
    const actions = await eventually(async () => {
      const { auditLog } = await graphqlData<{
        auditLog: {
          edges: { node: { action: string; actor: { id: string } | null; targetId: string } }[];
        };
      }>(
        gateway,
        '{ auditLog(first: 50) { edges { node { action targetId actor { id } } } } }',
        {},
        { token },
      );
      const list = auditLog.edges.map((edge) => edge.node);
      return list.some((entry) => entry.action === 'email.sent') && list;
    });
    expect(actions.find((entry) => entry.action === 'customer.created')).toEqual({
      action: 'customer.created',
      targetId: customerId,
      actor: { id: ownerId },
    });
    expect(actions.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['organization.registered', 'customer.created', 'email.sent']),
    );
  });

  it('keeps tenants apart: another tenant sees none of it', async () => {
    const other = await registerTenant('globex');
    const { customer, documents, document } = await graphqlData<{
      customer: unknown;
      documents: { totalCount: number };
      document: unknown;
    }>(
      gateway,
      'query($c: ID!, $d: ID!) { customer(id: $c) { id } documents { totalCount } document(id: $d) { id } }',
      { c: customerId, d: documentId },
      { token: other.accessToken },
    );
    expect({ customer, documents, document }).toEqual({
      customer: null,
      documents: { totalCount: 0 },
      document: null,
    });
  });

  it('rejects a forged token and anonymous staff queries', async () => {
    const forged = `${token.slice(0, -4)}AAAA`;
    const result = await graphqlRequest(gateway, '{ me { id } }', {}, { token: forged });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const anonymous = await graphqlRequest(gateway, '{ customers { totalCount } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets only the gateway call a subgraph, _entities included', async () => {
    const customerSubgraph = platform.processes.find((p) => p.name === 'customer')!;
    const direct = await graphqlRequest(
      `http://127.0.0.1:${customerSubgraph.port}/graphql`,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { displayName } } }',
      { r: [{ __typename: 'Customer', id: customerId }] },
      { token },
    );
    expect(direct.status).toBe(401);
    expect(direct.data).toBeUndefined();
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const url = `http://127.0.0.1:${customerSubgraph.port}/graphql`;
    // A GET (served by Express, not the POST path in front of it) is refused the same way.
    expect((await fetch(`${url}?query=%7B__typename%7D`)).status).toBe(401);
    // With the secret but not JSON: passed on to Express, where Apollo refuses it with a reason.
    const notJson = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-gateway-secret': platform.gatewaySecret },
      body: '{ __typename }',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toMatch(/content-type/i);
  });

  it('believes no X-Forwarded-For without TRUSTED_PROXIES: the peer is the client', async () => {
    const owner = await registerTenant('forged');
    const signedIn = await graphqlRequest(
      gateway,
      'mutation { login(email: "owner@forged.example", password: "correct horse battery staple") { accessToken } }',
      {},
      { headers: { 'x-forwarded-for': '203.0.113.66' } },
    );
    expect(signedIn.errors).toBeUndefined();
    const { auditLog } = await graphqlData<{ auditLog: { edges: { node: { ip: string } }[] } }>(
      gateway,
      '{ auditLog(filter: { action: "user.signed-in" }) { edges { node { ip } } } }',
      {},
      { token: owner.accessToken },
    );
    expect(auditLog.edges.map((edge) => edge.node.ip)).toEqual(['127.0.0.1']);
  });

  it('serves health on every process, and metrics only on its internal port', async () => {
    for (const { port, metricsPort, service } of platform.processes) {
      // The gateway answers every other GET with the portal's page (503 until it is built), whose
      // router shows "not found"; its metrics label that route by its pattern, not the path.
      const portal = service === 'gateway';
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
      // Paths nobody serves: each would have been a series of its own.
      for (const path of ['/no-such-page-1', '/no-such-page-2']) {
        const { status } = await fetch(`http://127.0.0.1:${port}${path}`);
        if (portal) expect([200, 503]).toContain(status);
        else expect(status).toBe(404);
      }
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(metrics).toContain('http_request_duration_seconds_bucket');
      expect(metrics).toContain('process_resident_memory_bytes');
      if (!portal)
        expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="unmatched"/);
      expect(metrics).not.toContain('no-such-page');
      expect((await fetch(`http://127.0.0.1:${metricsPort}/graphql`)).status).toBe(404);
    }
  });

  it('shuts every process down gracefully on SIGTERM (exit 0)', async () => {
    const memory = platform.memory();
    process.stdout.write(
      `\nplatform ready after ${readyAfterMs} ms; RSS MiB ${JSON.stringify(memory)}\n`,
    );
    const codes = await running.stop();
    expect(codes).toEqual({ gateway: 0, notification: 0, document: 0, customer: 0, identity: 0 });
  });
});
