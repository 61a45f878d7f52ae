import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { GraphQLError } from 'graphql';
import { GATEWAY_SECRET_HEADER } from '@portico/subgraph';
import { keepAliveAgent, SubgraphDataSource } from './subgraph-data-source';

/** A stand-in subgraph on a real socket: answers `{ __typename }` after a delay, counting connections. */
let server: Server;
let url: string;
let connections = 0;
let delayMs = 0;
let seenHeaders: Record<string, string | string[] | undefined> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    seenHeaders = req.headers;
    req.resume().on('end', () => {
      setTimeout(() => {
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

describe('SubgraphDataSource', () => {
  it('reuses keep-alive sockets for requests one after another', async () => {
    const agent = keepAliveAgent();
    const source = new SubgraphDataSource(url, 'a-gateway-secret-0123', {
      agent,
      timeoutMs: 2_000,
    });
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
    const agent = keepAliveAgent();
    const source = new SubgraphDataSource(url, 'a-gateway-secret-0123', { agent, timeoutMs: 100 });
    delayMs = 1_000;
    const started = Date.now();
    const error = await ask(source).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('GATEWAY_TIMEOUT');
    expect((error as GraphQLError).message).toContain('100 ms');
    expect(Date.now() - started).toBeLessThan(900); // it did not wait for the answer
    delayMs = 0;
    await agent.close();
  });
});
