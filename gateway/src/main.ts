import { Supergraph } from '@apollo/federation-internals';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { IncomingMessage } from 'node:http';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { Agent } from 'undici';
import { createTokenVerifier } from '@portico/auth';
import { AppError } from '@portico/errors';
import { createKafkaBus } from '@portico/kafka';
import {
  createServiceHttp,
  exitOnFatal,
  isGraphQLPost,
  readJsonBody,
  stopOnSignals,
} from '@portico/lifecycle';
import { createLogger, currentRequestId } from '@portico/logger';
import { startTracing } from '@portico/tracing';
import { followRevocations } from '@portico/revocation-feed';
import { readSupergraph, type SubgraphName } from '@portico/schemas';
import { kafkaConnectionOf, metricsPortOf, tracingOf } from '@portico/config';
import { clientAddress } from './client-address';
import { loadGatewayConfig, subgraphTimeoutMs } from './config';
import { DirectFetchRoutes } from './direct-fetch-routes';
import { directFetches } from './direct-fetches';
import { mountFileProxy } from './file-proxy';
import { gatewayErrorFormatter } from './gateway-errors';
import { mountLandingPage } from './landing-page';
import { queryLimits } from './query-limits';
import { mountWebApp, securityHeaders } from './web-app';
import {
  fillSessionVariables,
  isWebSessionRequest,
  webSessionOf,
  webSessionPlugin,
} from './web-session';
import { keepAliveAgent, SubgraphDataSource, type GatewayContext } from './subgraph-data-source';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', { level: config.LOG_LEVEL });
  const shutdown = stopOnSignals(logger);
  // Stopped last: the spans of the requests that shutdown lets finish are sent too.
  const tracing = startTracing(tracingOf('gateway', config));
  shutdown.add({ name: 'tracing', stop: () => tracing.shutdown() });
  const urls: Record<SubgraphName, string> = {
    identity: config.IDENTITY_URL,
    customer: config.CUSTOMER_URL,
    document: config.DOCUMENT_URL,
    notification: config.NOTIFICATION_URL,
  };
  const bus = createKafkaBus({
    brokers: config.KAFKA_BROKERS,
    clientId: 'gateway',
    logger,
    ...kafkaConnectionOf(config),
  });
  shutdown.add({ name: 'bus', stop: () => bus.close() });
  await bus.connect();
  const feed = await followRevocations(bus, 'gateway', exitOnFatal(logger));
  const { revocations } = feed;
  shutdown.add({ name: 'revocations', stop: () => feed.subscription.stop() });
  const verifier = createTokenVerifier({ jwksUrl: config.JWKS_URL, revocations });
  const agents = new Map<SubgraphName, Agent>();
  shutdown.add({
    name: 'subgraph connections',
    stop: async () => {
      await Promise.all([...agents.values()].map((agent) => agent.close()));
    },
  });
  const supergraphSdl = readSupergraph();
  const routes = new DirectFetchRoutes(Supergraph.build(supergraphSdl).apiSchema());
  const dataSources = new Map<string, SubgraphDataSource>();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const subgraph = name as SubgraphName;
      const agent = keepAliveAgent();
      agents.set(subgraph, agent);
      const source = new SubgraphDataSource(urls[subgraph], config.GATEWAY_SECRET, {
        agent,
        timeoutMs: subgraphTimeoutMs(config, subgraph),
      });
      dataSources.set(name, source);
      return source;
    },
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => {
      const query = requestContext.source ?? requestContext.request.query;
      if (query && requestContext.document)
        routes.learn(
          query,
          requestContext.document,
          requestContext.request.operationName ?? undefined,
          queryPlan,
        );
    },
  });
  const limits = queryLimits(config);
  const formatError = gatewayErrorFormatter(logger);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Apollo's landing page loads from a CDN; ours (below) works offline.
    // No cache hints are used; the cache-control plugin would hook every field of every answer.
    plugins: [
      ...limits.plugins,
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      webSessionPlugin<GatewayContext>(),
    ],
    validationRules: limits.validationRules,
    // One operation per request: batches would multiply every limit above.
    allowBatchedHttpRequests: false,
    // Automatic persisted queries: a client sends a query's SHA-256 instead of its text once the
    // gateway has seen it (kept a day in Apollo's bounded in-memory cache, per replica).
    persistedQueries: { ttl: 24 * 3_600 },
    csrfPrevention: true,
    introspection: config.NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    // Our shutdown stops Apollo in its place in the order; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    formatError,
  });
  await apollo.start();
  shutdown.add({ name: 'apollo', stop: () => apollo.stop() });

  const subgraphsReady = async () => {
    const results = await Promise.all(
      Object.values(urls).map((url) =>
        fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(2_000) }).then(
          (res) => res.ok,
          () => false,
        ),
      ),
    );
    return results.every(Boolean);
  };
  const http = createServiceHttp({
    service: 'gateway',
    logger,
    readiness: [{ name: 'subgraphs', check: subgraphsReady }],
  });
  http.app.use(securityHeaders({ https: config.PUBLIC_URL.startsWith('https:') }));
  mountFileProxy(http.app, new URL(urls.notification).origin);
  if (config.NODE_ENV !== 'production') mountLandingPage(http.app);
  /** The caller of a request, once its token passed (bad tokens are refused before any planning). */
  const callerOf = async (req: IncomingMessage): Promise<GatewayContext> => {
    const authorization = req.headers.authorization;
    await verifier.authenticate(authorization);
    return {
      authorization,
      requestId: currentRequestId() ?? 'none',
      clientIp: clientAddress(req, config.TRUSTED_PROXIES),
      userAgent: req.headers['user-agent'] ?? null,
    };
  };
  // GraphQL POSTs are read on node:http, and those with a one-subgraph plan answered there too,
  // ahead of Express: its router, body parser and res.send were in every request's path (gateway
  // CPU at one connection 0.95 -> 0.53 ms a request, README).
  const direct = directFetches({
    routes,
    dataSources,
    callerOf: (req) => callerOf(req).catch(() => null),
    formatError,
    metrics: http.metrics,
  });
  http.serveFirst((req, res, next) => {
    if (!isGraphQLPost(req)) return next();
    readJsonBody(req, res, config.MAX_BODY_BYTES, () => {
      if (!isWebSessionRequest(req)) return direct(req, res, next);
      // Session requests go through Apollo, whose plugin moves their tokens into cookies.
      fillSessionVariables(req);
      next();
    });
  });
  http.app.use(
    '/graphql',
    express.json({ limit: config.MAX_BODY_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        callerOf(req).then(
          (caller) => ({ ...caller, webSession: webSessionOf(req, res) }),
          (error: unknown) => {
            const message = error instanceof AppError ? error.message : 'Invalid access token';
            throw new GraphQLError(message, {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          },
        ),
    }),
  );
  mountWebApp(http.app, config.WEB_ROOT);
  await feed.caughtUp; // no revoked token slips through while the feed is still reading
  const server = await http.listen(config.PORT);
  shutdown.add({ name: 'http', stop: () => server.close() });
  const metricsServer = await http.listenMetrics(metricsPortOf(config));
  shutdown.add({ name: 'metrics', stop: () => metricsServer.close() });
  shutdown.add({ name: 'readiness', stop: () => http.setDraining() });
  logger.info({ url: `http://localhost:${server.port}/graphql` }, 'gateway ready');
}

main().catch((error: unknown) => {
  console.error('gateway failed to start:', error);
  process.exit(1);
});
