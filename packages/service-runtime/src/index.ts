import type { Express } from 'express';
import type { DocumentNode } from 'graphql';
import { createTokenVerifier, type RevocationList } from '@portico/auth';
import { kafkaConnectionOf, metricsPortOf, serviceEnv, tracingOf, z } from '@portico/config';
import type { TopicName } from '@portico/events';
import { createKafkaBus, type EventBus, type EventHandler } from '@portico/kafka';
import {
  createServiceHttp,
  exitOnFatal,
  stopOnSignals,
  type ReadinessCheck,
} from '@portico/lifecycle';
import { createLogger, type Logger } from '@portico/logger';
import {
  connectMongo,
  ensureIndexes,
  isDatabaseUnavailable,
  mongoAnswers,
  type Connection,
} from '@portico/mongo';
import { createOutboxRelay, type OutboxSource } from '@portico/outbox';
import {
  followRevocations,
  waitUntilRevocationsApplied,
  type FeedFollower,
} from '@portico/revocation-feed';
import { startTracing } from '@portico/tracing';
import { serveSubgraph, type SubgraphContext, type SubgraphOptions } from '@portico/subgraph';

export { byEventType, type HandlersByType } from './by-event-type';

// How long a revoking mutation waits for its events to reach the broker.
const RELAY_WAIT_MS = 3_000;
const sleepUnref = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export type ServiceConfig = z.infer<z.ZodObject<typeof serviceEnv>>;

/** A Kafka consumer of the service; its group is `<service>.<name>`, shared by all replicas. */
export interface ConsumerDefinition {
  name: string;
  topics: TopicName[];
  handle: EventHandler;
  /** Partitions handled at once (see SubscribeOptions.concurrency). */
  concurrency?: number;
}

export interface ServiceParts<TContext extends SubgraphContext> {
  resolvers: SubgraphOptions<TContext>['resolvers'];
  extendContext: SubgraphOptions<TContext>['extendContext'];
  /** Models whose documents carry an `outbox` of pending events. */
  outboxModels: OutboxSource[];
  consumers: ConsumerDefinition[];
  readiness?: ReadinessCheck[];
  /** Extra HTTP routes (e.g. the JWKS), mounted next to /graphql. */
  routes?: (app: Express) => void;
  stop?: () => Promise<void>;
}

export interface ServiceDependencies {
  connection: Connection;
  bus: EventBus;
  logger: Logger;
  /** Tells the outbox relay to publish now rather than at its next tick; resolves once published. */
  publishPending: () => Promise<void>;
  /**
   * Publishes now, like publishPending, and resolves once every running
   * process has applied the revocations among the events (bounded): a
   * revoking mutation awaits it, so the token is refused on the next request.
   */
  publishRevocations: () => Promise<void>;
  /**
   * Hands every event of this process's revocation feed (ended sessions; portal
   * accesses granted, changed, revoked) to `follower` as well, before the feed
   * commits it: publishRevocations waits for it, so memory kept from these
   * events is current on the next request.
   */
  followRevocationFeed: (follower: FeedFollower) => void;
  /** What this process refuses: ended sessions and portal accesses (for checks beside tokens). */
  revocations: RevocationList;
}

export interface ServiceDefinition<TContext extends SubgraphContext> {
  name: string;
  config: ServiceConfig;
  typeDefs: DocumentNode;
  /** Registers the models and builds resolvers and consumers; knows nothing of HTTP or Kafka. */
  setup(dependencies: ServiceDependencies): Promise<ServiceParts<TContext>>;
}

/**
 * Starts a subgraph service: its own database, the bus, the outbox relay,
 * the HTTP server and the consumers side by side. SIGTERM stops them in
 * reverse: stop taking requests, stop consuming, flush the outbox, close.
 */
export function runService<TContext extends SubgraphContext>(
  service: ServiceDefinition<TContext>,
): void {
  const logger = createLogger(service.name, { level: service.config.LOG_LEVEL });
  startService(service, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, `${service.name} failed to start`);
    process.exit(1);
  });
}

async function startService<TContext extends SubgraphContext>(
  service: ServiceDefinition<TContext>,
  logger: Logger,
): Promise<void> {
  const { config, name } = service;
  const shutdown = stopOnSignals(logger);
  // Stopped last: the spans of the requests and events that shutdown lets finish are sent too.
  const tracing = startTracing(tracingOf(name, config));
  shutdown.add({ name: 'tracing', stop: () => tracing.shutdown() });
  const connection = await connectMongo(config.MONGO_URL, `portico_${name}`);
  shutdown.add({ name: 'mongo', stop: () => connection.close() });
  const bus = createKafkaBus({
    brokers: config.KAFKA_BROKERS,
    clientId: name,
    logger,
    ...kafkaConnectionOf(config),
  });
  shutdown.add({ name: 'bus', stop: () => bus.close() });
  await bus.ensureTopics();
  await bus.connect();
  const onFatal = exitOnFatal(logger);
  // Before serving anything: tokens of revoked sessions are refused from the first request on.
  const followers: FeedFollower[] = [];
  const feed = await followRevocations(bus, name, onFatal, (event) => {
    for (const follower of followers) follower(event);
  });
  const { revocations } = feed;
  shutdown.add({ name: 'revocations', stop: () => feed.subscription.stop() });

  const relay = createOutboxRelay({ bus, logger });
  const publishRevocations = async () => {
    // Bounded: with the broker gone the events wait in the outbox, and the mutation answers
    // (each process's stale feed refuses older tokens meanwhile).
    const relayed = await Promise.race([relay.kick(), sleepUnref(RELAY_WAIT_MS).then(() => false)]);
    if (!relayed) {
      logger.warn('answering before the revocation reached the broker; it waits in the outbox');
      return;
    }
    const { applied, waitedMs, behind, error } = await waitUntilRevocationsApplied(bus);
    if (!applied)
      logger.warn(
        { waitedMs, behind, error },
        'answering before every process applied the revocation',
      );
  };
  const parts = await service.setup({
    connection,
    bus,
    logger,
    publishPending: async () => void (await relay.kick()),
    publishRevocations,
    followRevocationFeed: (follower) => followers.push(follower),
    revocations,
  });
  shutdown.add({ name: 'service', stop: () => parts.stop?.() });
  await ensureIndexes(connection);
  relay.start(parts.outboxModels); // first flushes what an earlier run left pending
  shutdown.add({ name: 'outbox', stop: async () => (await relay.drain(), await relay.stop()) });

  const http = createServiceHttp({
    service: name,
    logger,
    readiness: [
      // Not the broker: reads and sign-ins need only the database, and writes keep their
      // events in the outbox until the broker is back.
      { name: 'mongo', check: () => mongoAnswers(connection) },
      ...(parts.readiness ?? []),
    ],
  });
  parts.routes?.(http.app);
  const apollo = await serveSubgraph(http, {
    typeDefs: service.typeDefs,
    resolvers: parts.resolvers,
    verifier: createTokenVerifier({ jwksUrl: config.JWKS_URL, revocations }),
    gatewaySecret: config.GATEWAY_SECRET,
    logger,
    production: config.NODE_ENV === 'production',
    extendContext: parts.extendContext,
  });
  shutdown.add({ name: 'apollo', stop: () => apollo.stop() });
  await feed.caughtUp; // every revocation made before this start is known before the first request
  const server = await http.listen(config.PORT);
  shutdown.add({ name: 'http', stop: () => server.close() });
  const metricsServer = await http.listenMetrics(metricsPortOf(config));
  shutdown.add({ name: 'metrics', stop: () => metricsServer.close() });

  const subscriptions = await Promise.all(
    parts.consumers.map((consumer) =>
      bus.subscribe({
        groupId: `${name}.${consumer.name}`,
        topics: consumer.topics,
        handle: consumer.handle,
        concurrency: consumer.concurrency,
        // A database that does not answer is waited for, not a reason to dead-letter events.
        isTransient: isDatabaseUnavailable,
        onFatal,
      }),
    ),
  );
  // Side by side: with the broker gone, each waits out its leave timeout.
  shutdown.add({
    name: 'consumers',
    stop: async () => void (await Promise.all(subscriptions.map((each) => each.stop()))),
  });
  // Registered last, so it runs first: load balancers stop sending before anything closes.
  shutdown.add({ name: 'readiness', stop: () => http.setDraining() });
  logger.info({ consumers: parts.consumers.map((consumer) => consumer.name) }, `${name} ready`);
}
