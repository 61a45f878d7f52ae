import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { GraphQLError } from 'graphql';
import { GATEWAY_SECRET_HEADER } from '@portico/subgraph';
import { keepAliveAgent, SubgraphDataSource, type GatewayContext } from './subgraph-data-source';

/** A stand-in subgraph on a real socket: answers `{ __typename }` after a delay, counting connections. */
let server: Server;
let url: string;
let connections = 0;
let delayMs = 0;
let seenHeaders: Record<string, string | string[] | undefined> = {};
let requests = 0;
let status = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    seenHeaders = req.headers;
    requests += 1;
    req.resume().on('end', () => {
      setTimeout(() => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { __typename: 'Query' } }));
      }, delayMs);
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const ask = (source: SubgraphDataSource) =>
  source.process({
    kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
    request: { query: '{ __typename }' },
    context: {},
  });

/** A data source to the stand-in subgraph on a keep-alive pool of its own (close the agent after). */
const newSource = (timeoutMs = 2_000) => {
  const agent = keepAliveAgent();
  return {
    agent,
    source: new SubgraphDataSource(url, 'a-gateway-secret-0123', { agent, timeoutMs }),
  };
};

describe('SubgraphDataSource', () => {
  it('reuses keep-alive sockets for requests one after another', async () => {
    const { agent, source } = newSource();
    delayMs = 0;
    connections = 0;
    for (let i = 0; i < 10; i += 1)
      expect((await ask(source)).data).toEqual({ __typename: 'Query' });
    // undici alternates between two warm sockets; without keep-alive this would be 10.
    expect(connections).toBeLessThanOrEqual(2);
    expect(seenHeaders[GATEWAY_SECRET_HEADER]).toBe('a-gateway-secret-0123');
    await agent.close();
  });

  it('gives up on a subgraph slower than its timeout with GATEWAY_TIMEOUT', async () => {
    const { agent, source } = newSource(100);
    delayMs = 3_000;
    const started = Date.now();
    const error = await ask(source).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('GATEWAY_TIMEOUT');
    expect((error as GraphQLError).message).toContain('100 ms');
    // It did not wait for the answer (undici's timers tick about twice a second).
    expect(Date.now() - started).toBeLessThan(2_000);
    delayMs = 0;
    await agent.close();
  });

  it('shares one call among identical queries in flight, never among callers or mutations', async () => {
    const { agent, source } = newSource();
    const send = (request: { query: string }, context: GatewayContext) =>
      source.process({
        kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
        request,
        context,
        incomingRequestContext: {} as never,
      });
    const query = { query: '{ documents { id } }', variables: {} };
    const caller = (token: string, requestId: string): GatewayContext => ({
      authorization: `Bearer ${token}`,
      requestId,
      clientIp: '10.0.0.1',
      userAgent: 'jest',
    });
    delayMs = 100;
    requests = 0;
    // Five identical queries of one caller (only the request ids differ): one call, five answers.
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => send(query, caller('token-a', `request-${n}`))),
    );
    expect(answers).toEqual(Array(5).fill({ data: { __typename: 'Query' } }));
    expect(requests).toBe(1);
    expect(seenHeaders).toMatchObject({
      authorization: 'Bearer token-a',
      'x-client-ip': '10.0.0.1',
      'x-client-user-agent': 'jest',
    });

    // Another caller's token, or a mutation, is always a call of its own.
    requests = 0;
    const mutation = { query: 'mutation { issueDocument(id: "d1") { id } }', variables: {} };
    await Promise.all([
      send(query, caller('token-a', 'r1')),
      send(query, caller('token-b', 'r2')),
      send(mutation, caller('token-a', 'r3')),
      send(mutation, caller('token-a', 'r4')),
    ]);
    expect(requests).toBe(4);

    // Nothing is kept once answered: the same query later is a new call.
    requests = 0;
    await send(query, caller('token-a', 'r5'));
    expect(requests).toBe(1);
    delayMs = 0;
    await agent.close();
  });

  it('turns an error status into a GraphQL error carrying the status and body', async () => {
    const { agent, source } = newSource();
    status = 401;
    const error = await ask(source).catch((thrown: unknown) => thrown);
    status = 200;
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      response: { status: 401, body: { data: { __typename: 'Query' } } },
    });
    await agent.close();
  });
});
