import { createHash } from 'node:crypto';
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

describe('automatic persisted queries', () => {
  const query = '{ me { id organization { slug } } }';
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const persisted = { persistedQuery: { version: 1, sha256Hash } };
  const post = (body: object) =>
    fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }).then(
      (res) =>
        res.json() as Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }>,
    );

  it('asks for the text of an unknown hash, then answers by hash alone, also over GET', async () => {
    expect((await post({ extensions: persisted })).errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    const registered = await post({ query, extensions: persisted });
    expect(registered.errors).toBeUndefined();
    expect(await post({ extensions: persisted })).toEqual(registered);

    const url = new URL(gateway);
    url.searchParams.set('extensions', JSON.stringify(persisted));
    const viaGet = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(await viaGet.json()).toEqual(registered);
  });

  it('refuses a hash that is not the query’s', async () => {
    const wrong = { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } };
    const result = await post({ query, extensions: wrong });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});

describe('landing page', () => {
  it('serves GraphiQL outside production, from the gateway itself', async () => {
    const origin = new URL(gateway).origin;
    // At /graphql: / is the portal.
    const page = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith('/')).toBe(true); // nothing from a CDN
      expect((await fetch(new URL(source, origin))).status).toBe(200);
    }
  });
});
