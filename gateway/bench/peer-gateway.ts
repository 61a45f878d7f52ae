/**
 * A gateway to compare ours with, serving the same supergraph in its own
 * process: `hive` (Hive Gateway) or `apollo-default` (@apollo/gateway on
 * Apollo Server with default settings). Both pass the caller's token and the
 * gateway secret on, which the subgraphs require; nothing else is tuned.
 * `bare-proxy` is no gateway at all: node:http and an undici pool passing
 * the body to SUBGRAPH_URL as it came, the least any gateway process adds.
 * Env: PORT, SUPERGRAPH (a file), GATEWAY_SECRET, SUBGRAPH_URL (bare-proxy).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { Pool } from 'undici';
import { GATEWAY_SECRET_HEADER } from '@portico/subgraph';

const port = Number(process.env.PORT);
const supergraph = readFileSync(process.env.SUPERGRAPH!, 'utf8');
const secret = process.env.GATEWAY_SECRET!;

async function hive(): Promise<void> {
  const runtime = createGatewayRuntime({
    supergraph,
    logging: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization') ?? '',
        [GATEWAY_SECRET_HEADER]: secret,
      }),
    },
  });
  createServer((request, response) => void runtime(request, response)).listen(port, '127.0.0.1');
}

async function apolloDefault(): Promise<void> {
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<{ authorization?: string }>({
        url,
        willSendRequest({ request, context }) {
          request.http!.headers.set(GATEWAY_SECRET_HEADER, secret);
          if (context.authorization)
            request.http!.headers.set('authorization', context.authorization);
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
}

/** No token check, no parsing, no plan: read the body, send it on, write the answer back. */
async function bareProxy(): Promise<void> {
  const subgraph = new URL(process.env.SUBGRAPH_URL!);
  const pool = new Pool(subgraph.origin, { connections: 16 });
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      pool
        .request({
          path: subgraph.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: req.headers.authorization ?? '',
            [GATEWAY_SECRET_HEADER]: secret,
          },
          body: Buffer.concat(chunks),
        })
        .then(async (answer) => {
          const text = await answer.body.text();
          res.writeHead(answer.statusCode, { 'content-type': 'application/json' }).end(text);
        })
        .catch((error: unknown) => res.writeHead(502).end(String(error)));
    });
  }).listen(port, '127.0.0.1');
}

const kinds: Record<string, () => Promise<void>> = {
  hive,
  'apollo-default': apolloDefault,
  'bare-proxy': bareProxy,
};
const kind = process.argv[2]!;
(kinds[kind]?.() ?? Promise.reject(new Error(`unknown ${kind}`))).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
