import {
  eventually,
  graphqlData,
  graphqlRequest,
  grantAndJoin,
  issueInvoice,
  metricTotal,
  registerOrganization,
  scrapeMetrics,
  startTestPlatform,
  type TestPlatform,
} from '@portico/local-infra';

/**
 * Operations planned as one subgraph call are answered by that call alone
 * (see gateway/src/direct-fetches.ts): the answer must be the one the full
 * gateway pipeline gives, for data and errors alike, and every request still
 * passes the token check.
 */
let running: TestPlatform;
let gateway: string;
let staff: string;
let contact: string;
let accessId: string;

const LIST =
  'query Mine($first: Int) { documents(first: $first) { totalCount edges { node { id number grossTotal customer { displayName } } } } }';

/** How many operations the gateway answered by a direct fetch so far. */
async function directFetches(): Promise<number> {
  const { metricsPort } = running.platform.processes.find((p) => p.name === 'gateway')!;
  return metricTotal(
    await scrapeMetrics(`http://127.0.0.1:${metricsPort}`),
    'gateway_direct_fetches_total',
  );
}

beforeAll(async () => {
  running = await startTestPlatform('direct-fetches', 5400);
  gateway = running.platform.gatewayUrl;
  const org = 'direct-fetches';
  staff = (await registerOrganization(gateway, org)).accessToken;
  const { createCustomer } = await graphqlData<{ createCustomer: { id: string } }>(
    gateway,
    'mutation { createCustomer(input: { type: COMPANY, companyName: "Direct AG" }) { id } }',
    {},
    { token: staff },
  );
  for (let i = 0; i < 3; i++) await issueInvoice(gateway, staff, createCustomer.id);
  const joined = await grantAndJoin(running, staff, org, createCustomer.id, {
    email: `anna@${org}.example`,
  });
  contact = joined.contact.accessToken;
  accessId = joined.accessId;
}, 180_000);
afterAll(() => running?.stop());

describe('direct fetches', () => {
  it('answers a repeated one-subgraph query directly, with what the full path answered', async () => {
    const before = await directFetches();
    const first = await graphqlRequest(gateway, LIST, { first: 2 }, { token: contact });
    expect(await directFetches()).toBe(before); // never planned before: the full path
    const second = await graphqlRequest(gateway, LIST, { first: 2 }, { token: contact });
    expect(await directFetches()).toBe(before + 1);
    expect(second).toEqual(first);
    expect(first.data).toMatchObject({
      documents: {
        totalCount: 3,
        edges: [
          { node: { customer: { displayName: 'Direct AG' } } },
          { node: { customer: { displayName: 'Direct AG' } } },
        ],
      },
    });
    // Variables reach the subgraph: another value, another answer.
    const three = await graphqlData<{ documents: { edges: unknown[] } }>(
      gateway,
      LIST,
      { first: 3 },
      { token: contact },
    );
    expect(three.documents.edges).toHaveLength(3);
    expect(await directFetches()).toBe(before + 2);
  });

  it('shows a subgraph error as the full path does: code, field, no service name', async () => {
    const query = '{ documents(filter: { customerId: "not a customer id!" }) { totalCount } }';
    const first = await graphqlRequest(gateway, query, {}, { token: staff });
    const before = await directFetches();
    const second = await graphqlRequest(gateway, query, {}, { token: staff });
    expect(await directFetches()).toBe(before + 1);
    expect(second).toEqual(first);
    expect(first.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.customerId',
    });
  });

  it('refuses a bad token and a revoked access on the direct path too', async () => {
    await graphqlData(gateway, LIST, { first: 1 }, { token: contact }); // a known route
    const forged = await graphqlRequest(gateway, LIST, { first: 1 }, { token: `${contact}x` });
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await graphqlData(
      gateway,
      'mutation($id: ID!) { revokePortalAccess(id: $id) { id } }',
      { id: accessId },
      { token: staff },
    );
    // The revocation reaches the gateway as an event (timing: customers.e2e); then, every request.
    const revoked = await eventually(async () => {
      const answer = await graphqlRequest(gateway, LIST, { first: 1 }, { token: contact });
      return answer.status === 401 && answer;
    }, 5_000);
    expect(revoked.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(revoked.data ?? null).toBeNull();
  });
});
