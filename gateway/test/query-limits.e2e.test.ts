import {
  graphqlRequest,
  registerOrganization,
  startTestPlatform,
  type TestPlatform,
} from '@portico/local-infra';

/** The gateway refuses oversized work before planning it, each limit with a clear error. */
let running: TestPlatform;
let gateway: string;
let token: string;

beforeAll(async () => {
  running = await startTestPlatform('query-limits', 4700);
  gateway = running.platform.gatewayUrl;
  token = (await registerOrganization(gateway, 'limits')).accessToken;
}, 120_000);
afterAll(() => running?.stop());

const ask = (query: string) => graphqlRequest(gateway, query, {}, { token });
const firstError = (result: { errors?: { message: string; extensions?: { code?: string } }[] }) =>
  result.errors?.[0];

describe('query limits', () => {
  it('answers an ordinary query', async () => {
    expect((await ask('{ me { id organization { slug } } }')).errors).toBeUndefined();
  });

  it('refuses a query nested deeper than MAX_QUERY_DEPTH (12)', async () => {
    // Customer.accesses -> PortalAccess.customer is a cycle: exactly what depth limits are for.
    const cycle = 'customer { accesses { '.repeat(5);
    const deep = `{ documents { edges { node { ${cycle}id${' } }'.repeat(5)} } } } }`;
    const result = await ask(deep);
    const error = firstError(result);
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error?.message).toMatch(/depth/i);
  });

  it('refuses more aliases than MAX_QUERY_ALIASES (20)', async () => {
    const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: me { id }`).join(' ');
    const error = firstError(await ask(`{ ${aliases} }`));
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error?.message).toMatch(/alias/i);
  });

  it('refuses a query costing more than MAX_QUERY_COST (5000)', async () => {
    // 2,500 fields one level down: within the token limit, over the cost limit.
    const error = firstError(await ask(`{ me { organization { ${'id '.repeat(2500)}} } }`));
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error?.message).toMatch(/cost/i);
  });

  it('refuses a document longer than MAX_QUERY_TOKENS (3000)', async () => {
    const error = firstError(await ask(`{ me { ${'id '.repeat(3100)}} }`));
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error?.message).toMatch(/token|cost/i);
  });

  it('refuses batches, cross-site simple requests and oversized bodies', async () => {
    const batch = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    expect(batch.status).toBe(400);
    const simple = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(simple.status).toBe(400);
    const huge = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }', variables: { x: 'x'.repeat(1_100_000) } }),
    });
    expect(huge.status).toBe(413);
  });

  it('does not suggest field names in errors', async () => {
    const error = firstError(await ask('{ mee { id } }'));
    expect(error?.message).not.toMatch(/did you mean/i);
  });
});
