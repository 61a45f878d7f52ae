import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import express from 'express';
import { parse, type GraphQLFormattedError } from 'graphql';
import { Registry } from 'prom-client';
import { readSupergraph } from '@portico/schemas';
import { DirectFetchRoutes } from './direct-fetch-routes';
import { directFetches, isDataAlone } from './direct-fetches';
import { keepAliveAgent, SubgraphDataSource } from './subgraph-data-source';

/**
 * The direct path against a stand-in document subgraph on a real socket:
 * which answers it passes back, and which requests it leaves to Apollo
 * (here a stand-in that answers "apollo").
 */
const QUERY = '{ documents(first: 2) { totalCount } }';
let subgraph: Server;
let gateway: Server;
let gatewayUrl: string;
let answer: { status: number; body: string } = { status: 200, body: '' };
let subgraphCalls = 0;
const agent = keepAliveAgent();

beforeAll(async () => {
  subgraph = createServer((req, res) => {
    subgraphCalls += 1;
    req.resume().on('end', () => {
      res.statusCode = answer.status;
      res.setHeader('content-type', 'application/json');
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
  const subgraphUrl = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;

  const supergraph = Supergraph.build(readSupergraph());
  const routes = new DirectFetchRoutes(supergraph.apiSchema());
  const document = parse(QUERY);
  const plan = new QueryPlanner(supergraph).buildQueryPlan(
    operationFromDocument(supergraph.apiSchema(), document),
  );
  routes.learn(QUERY, document, undefined, plan);

  const app = express();
  app.use(
    express.json(),
    directFetches({
      routes,
      dataSources: new Map([
        [
          'document',
          new SubgraphDataSource(subgraphUrl, 'a-gateway-secret-0123', { agent, timeoutMs: 500 }),
        ],
      ]),
      callerOf: async (req) =>
        req.headers.authorization === 'Bearer good'
          ? { authorization: 'Bearer good', requestId: 'r1', clientIp: null, userAgent: null }
          : null,
      // Shows what it was given, so the test sees what reached the formatter.
      formatError: (formatted: GraphQLFormattedError) => ({
        message: `shown: ${formatted.message}`,
        extensions: formatted.extensions,
      }),
      metrics: new Registry(),
    }),
    (_req, res) => {
      res.json({ apollo: true });
    },
  );
  gateway = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => gateway.once('listening', resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await agent.close();
  await new Promise((resolve) => gateway.close(resolve));
  await new Promise((resolve) => subgraph.close(resolve));
});

async function ask(query: string, token = 'good'): Promise<unknown> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

describe('directFetches', () => {
  it('passes a clean answer back as the subgraph wrote it', async () => {
    answer = { status: 200, body: '{"data":{"documents":{"totalCount":7}}}' };
    expect(await ask(QUERY)).toEqual({ data: { documents: { totalCount: 7 } } });
  });

  it('leaves unknown operations and refused callers to Apollo, without calling the subgraph', async () => {
    subgraphCalls = 0;
    expect(await ask('{ documents(first: 3) { totalCount } }')).toEqual({ apollo: true });
    expect(await ask(QUERY, 'forged')).toEqual({ apollo: true });
    expect(subgraphCalls).toBe(0);
  });

  it('leaves a request the subgraph refused (4xx) to Apollo', async () => {
    answer = { status: 400, body: '{"errors":[{"message":"bad variable"}]}' };
    expect(await ask(QUERY)).toEqual({ apollo: true });
  });

  it('shows a subgraph failure (5xx) without running the operation again', async () => {
    answer = { status: 500, body: '{"errors":[{"message":"boom"}]}' };
    subgraphCalls = 0;
    const shown = (await ask(QUERY)) as { data: unknown; errors: GraphQLFormattedError[] };
    expect(subgraphCalls).toBe(1);
    expect(shown.data).toBeNull();
    expect(shown.errors[0]!.message).toMatch(/^shown: 500/);
  });

  it('passes subgraph errors through the formatter with the service name, as Apollo does', async () => {
    answer = {
      status: 200,
      body: '{"errors":[{"message":"Unknown customer","path":["documents"],"extensions":{"code":"BAD_USER_INPUT","field":"filter.customerId"}}],"data":null}',
    };
    expect(await ask(QUERY)).toEqual({
      errors: [
        {
          message: 'shown: Unknown customer',
          extensions: {
            code: 'BAD_USER_INPUT',
            field: 'filter.customerId',
            serviceName: 'document',
          },
        },
      ],
      data: null,
    });
  });

  it('drops extensions of an answer as the full path does', async () => {
    answer = { status: 200, body: '{"data":{"documents":{"totalCount":7}},"extensions":{"x":1}}' };
    expect(await ask(QUERY)).toEqual({ data: { documents: { totalCount: 7 } } });
  });
});

describe('isDataAlone', () => {
  it('tells data alone from answers with errors or extensions, strings included', () => {
    expect(isDataAlone('{"data":{"a":1}}\n')).toBe(true);
    expect(isDataAlone('{"data":{"note":"say \\"extensions\\": no"}}')).toBe(true);
    expect(isDataAlone('{"errors":[{"message":"x"}],"data":null}')).toBe(false);
    expect(isDataAlone('{"data":{"a":1},"extensions":{"cost":3}}')).toBe(false);
    expect(isDataAlone('{ "data": {} }')).toBe(false); // not as Apollo writes it: parsed instead
  });
});
