import {
  Partitioners,
  type Admin,
  type Consumer,
  type IHeaders,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import {
  allTopics,
  assertValidEvent,
  deadLetterTopic,
  InvalidEventError,
  topicOf,
  type CloudEvent,
  type TopicName,
} from '@portico/events';
import { Counter, Gauge, Histogram } from 'prom-client';
import { DEAD_LETTER_HEADERS } from './dead-letters';
import { createKafkaClient, type KafkaBusOptions } from './kafkajs-client';
import { currentRequestId, REQUEST_ID_HEADER, withRequestId } from '@portico/logger';
import { inSpan, recordFailure, SpanKind } from '@portico/tracing';
import { RetryLater, type EventBus, type SubscribeOptions, type Subscription } from './bus';

/** Messages a consumer group has yet to handle, per partition, after its last batch. */
const consumerLag = new Gauge({
  name: 'kafka_consumer_lag_messages',
  help: 'Messages behind the end of the partition after the last batch handled',
  labelNames: ['group', 'topic', 'partition'],
});

const handlingSeconds = new Histogram({
  name: 'kafka_event_handling_seconds',
  help: 'Time from a message reaching its handler to the handler finishing (retries included)',
  labelNames: ['group', 'topic'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

const deadLetters = new Counter({
  name: 'kafka_dead_letters_total',
  help: 'Messages a consumer group gave up on and wrote to the dead-letter topic (alert on any)',
  labelNames: ['group', 'topic'],
});

const CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

function headerString(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A member that is still joining its group cannot leave cleanly; after this the
// broker expires it (session timeout) rather than shutdown waiting for it.
const DISCONNECT_TIMEOUT_MS = 5_000;
// Dead members (a crashed replica) are noticed within this time.
// kafkajs sends at most one heartbeat per heartbeatInterval (3 s); asking more often is harmless.
const HEARTBEAT_EVERY_MS = 3_000;
// Pauses between tries double from 200 ms up to these.
const MAX_PAUSE_MS = 5_000;
const MAX_TRANSIENT_PAUSE_MS = 10_000;
// A crashed consumer is started again for this long before its process gives up.
const RESTART_GIVE_UP_MS = 5 * 60_000;
// Pauses between restarts grow to this: a broker that comes back is found again within it
// (revocation feeds among them, whose tokens stay refused until then).
const RESTART_PAUSE_MAX_MS = 5_000;
const SESSION_TIMEOUT_MS = 15_000;

export function createKafkaBus(options: KafkaBusOptions): EventBus {
  const { logger } = options;
  const kafka = createKafkaClient(options);
  const producer: Producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    // One request in flight keeps per-key order across retries. Delivery is
    // at-least-once; consumers are idempotent, so no idempotent producer needed.
    maxInFlightRequests: 1,
    // Give up within about two seconds: the outbox relay tries again on its next tick, and a
    // broker that is gone must not hold a shutdown's drain for the client's minute of retries.
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 1_000 },
  });
  let connecting: Promise<void> | undefined;
  const consumers: Consumer[] = [];
  const halts = new Set<() => void>();

  async function disconnect(consumer: Consumer): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      consumer.disconnect().then(() => false),
      new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(true), DISCONNECT_TIMEOUT_MS)),
      ),
    ]).finally(() => clearTimeout(timer)); // a pending timer would keep a stopping process alive for 5 s
    if (timedOut)
      logger.warn('consumer did not leave its group in time; the broker will expire it');
  }

  function connectProducer(): Promise<void> {
    // A failed connect (broker down) is tried again by the next publish.
    connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  }

  async function publish(events: CloudEvent[]): Promise<void> {
    if (events.length === 0) return;
    await connectProducer();
    const current = currentRequestId();
    const byTopic = new Map<TopicName, CloudEvent[]>();
    for (const event of events) {
      assertValidEvent(event);
      const topic = topicOf(event.type);
      const batch = byTopic.get(topic);
      if (batch) batch.push(event);
      else byTopic.set(topic, [event]);
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, batch]) => ({
        topic,
        messages: batch.map((event) => {
          // The event's own request first: the outbox relay publishes outside it.
          const requestId = event.requestid ?? current;
          return {
            key: event.subject,
            value: JSON.stringify(event),
            headers: {
              'content-type': CONTENT_TYPE,
              'ce-type': event.type,
              ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
              // The trace the event belongs to, where consumers and partners' tools look for it.
              ...(event.traceparent ? { traceparent: event.traceparent } : {}),
              ...(event.tracestate ? { tracestate: event.tracestate } : {}),
            },
          };
        }),
      })),
    });
  }

  async function toDeadLetter(
    group: string,
    topic: string,
    message: KafkaMessage,
    error: Error,
  ): Promise<void> {
    await connectProducer();
    await producer.send({
      topic: deadLetterTopic(topic as TopicName),
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [DEAD_LETTER_HEADERS.error]: error.message.slice(0, 2000),
            [DEAD_LETTER_HEADERS.originalTopic]: topic,
            [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
            [DEAD_LETTER_HEADERS.group]: group,
          },
        },
      ],
    });
    deadLetters.inc({ group, topic });
  }

  async function subscribe(options: SubscribeOptions): Promise<Subscription> {
    const maxAttempts = options.maxAttempts ?? 5;
    // Stopping ends the pauses between tries at once.
    let stopping = false;
    let endPauses = () => {};
    const stopped = new Promise<void>((resolve) => (endPauses = resolve));
    const halt = () => {
      stopping = true;
      endPauses();
    };
    halts.add(halt);
    const pause = (ms: number) => Promise.race([sleep(ms), stopped]);
    const consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: SESSION_TIMEOUT_MS,
      rebalanceTimeout: 2 * SESSION_TIMEOUT_MS,
      // A fetch returns as soon as data arrives; this only bounds an idle long-poll,
      // and with it how long leaving the group takes at shutdown.
      maxWaitTimeInMs: 1_000,
      retry: { retries: 8, initialRetryTime: 200, maxRetryTime: RESTART_PAUSE_MAX_MS },
    });
    consumers.push(consumer);
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      consumerLag.set(
        { group: options.groupId, topic: payload.topic, partition: String(payload.partition) },
        Number(payload.offsetLag),
      );
    });
    const { onFetch } = options;
    if (onFetch) consumer.on(consumer.events.FETCH, () => onFetch());
    // kafkajs gives up for good on some errors a broker outage causes (no group
    // coordinator, say). Start again after a pause, as a restarted process would;
    // only when that keeps failing for RESTART_GIVE_UP_MS does the process go.
    consumer.on(consumer.events.CRASH, (event) => {
      if (event.payload.restart || stopping) return;
      logger.error({ err: event.payload.error, group: options.groupId }, 'consumer crashed');
      void startAgain(event.payload.error);
    });
    const start = async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: options.topics, fromBeginning: true });
      await run();
    };
    const startAgain = async (crash: Error) => {
      const giveUpAt = Date.now() + RESTART_GIVE_UP_MS;
      for (let wait = 1_000; !stopping; wait = Math.min(wait * 2, RESTART_PAUSE_MAX_MS)) {
        await pause(wait);
        if (stopping) return;
        try {
          await start();
          logger.info({ group: options.groupId }, 'consumer started again');
          return;
        } catch (error) {
          logger.warn({ err: error, group: options.groupId }, 'consumer could not start again');
          if (Date.now() > giveUpAt) return options.onFatal(crash);
        }
      }
    };
    const run = () =>
      consumer.run({
        partitionsConsumedConcurrently: options.concurrency ?? 1,
        eachMessage: async ({ topic, partition, message, heartbeat }) => {
          // A replayed dead letter is for the group that gave up on it; the others had handled it.
          const replayFor = headerString(message.headers, DEAD_LETTER_HEADERS.replayFor);
          if (replayFor !== undefined && replayFor !== options.groupId) return;
          const requestId = headerString(message.headers, REQUEST_ID_HEADER);
          const handled = handlingSeconds.startTimer({ group: options.groupId, topic });
          const traceContext = {
            traceparent: headerString(message.headers, 'traceparent'),
            tracestate: headerString(message.headers, 'tracestate'),
          };
          const spanOptions = {
            kind: SpanKind.CONSUMER,
            parentHeaders: traceContext,
            attributes: {
              'messaging.system': 'kafka',
              'messaging.operation.type': 'process',
              'messaging.destination.name': topic,
              'messaging.destination.partition.id': String(partition),
              'messaging.kafka.offset': Number(message.offset),
              'messaging.consumer.group.name': options.groupId,
              'cloudevents.event_type': headerString(message.headers, 'ce-type') ?? '',
            },
          };
          await withRequestId(requestId ?? `kafka:${topic}:${partition}:${message.offset}`, () =>
            inSpan(`process ${topic}`, spanOptions, async (span) => {
              let lastError: Error | undefined;
              for (let attempt = 1; ; attempt++) {
                try {
                  const event: unknown = JSON.parse(message.value?.toString() ?? 'null');
                  assertValidEvent(event);
                  await whileBeating(
                    heartbeat,
                    options.handle(event, {
                      topic,
                      partition,
                      offset: message.offset,
                      requestId,
                    }),
                  );
                  return;
                } catch (error) {
                  lastError = error instanceof Error ? error : new Error(String(error));
                  // A malformed or unknown event will never succeed: no retries.
                  if (lastError instanceof InvalidEventError || lastError instanceof SyntaxError)
                    break;
                  const transient =
                    lastError instanceof RetryLater || options.isTransient?.(lastError) === true;
                  if (!transient && attempt >= maxAttempts) break;
                  // Shutting down: left uncommitted, the message comes again after the restart.
                  if (stopping) throw lastError;
                  logger.warn(
                    { err: lastError, topic, offset: message.offset, attempt, transient },
                    transient ? 'event handler waits for a dependency' : 'event handler failed',
                  );
                  const wait = Math.min(
                    200 * 2 ** (attempt - 1),
                    transient ? MAX_TRANSIENT_PAUSE_MS : MAX_PAUSE_MS,
                  );
                  await whileBeating(heartbeat, pause(wait));
                  await heartbeat();
                }
              }
              logger.error(
                { err: lastError, topic, offset: message.offset },
                'event sent to dead-letter topic',
              );
              recordFailure(span, lastError);
              await toDeadLetter(options.groupId, topic, message, lastError!);
            }),
          ).finally(() => handled());
        },
      });
    await start();
    return {
      stop: async () => {
        halt();
        halts.delete(halt);
        consumers.splice(consumers.indexOf(consumer), 1);
        await disconnect(consumer);
      },
    };
  }

  // One admin connection for the calls that may repeat (offsets), opened on first use.
  let admin: Admin | undefined;
  let adminConnecting: Promise<Admin> | undefined;
  function sharedAdmin(): Promise<Admin> {
    if (admin) return Promise.resolve(admin);
    adminConnecting ??= (async () => {
      const client = kafka.admin();
      await client.connect();
      admin = client;
      return client;
    })().finally(() => (adminConnecting = undefined));
    return adminConnecting;
  }

  async function endOffsets(topics: TopicName[]): Promise<Map<string, bigint>> {
    const client = await sharedAdmin();
    const ends = new Map<string, bigint>();
    for (const topic of topics)
      for (const { partition, high } of await client.fetchTopicOffsets(topic))
        ends.set(`${topic}:${partition}`, BigInt(high));
    return ends;
  }

  async function liveGroupOffsets(
    matches: (groupId: string) => boolean,
    topics: TopicName[],
  ): Promise<Map<string, Map<string, bigint>>> {
    const client = await sharedAdmin();
    const candidates = (await client.listGroups()).groups
      .map(({ groupId }) => groupId)
      .filter(matches);
    if (candidates.length === 0) return new Map();
    // A group without members (its process stopped) reads nothing more: not waited for.
    const { groups } = await client.describeGroups(candidates);
    const live = groups.filter(({ state }) => state !== 'Empty' && state !== 'Dead');
    return new Map(
      await Promise.all(
        live.map(async ({ groupId }) => {
          const committed = new Map<string, bigint>();
          for (const { topic, partitions } of await client.fetchOffsets({ groupId, topics }))
            for (const { partition, offset } of partitions) {
              const next = BigInt(offset); // -1: nothing committed there
              if (next >= 0n) committed.set(`${topic}:${partition}`, next);
            }
          return [groupId, committed] as const;
        }),
      ),
    );
  }

  async function ensureTopics(): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = allTopics().filter(({ topic }) => !existing.has(topic));
      if (missing.length === 0) return;
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map(({ topic, partitions }) => ({
            topic,
            numPartitions: partitions,
            replicationFactor: -1,
          })),
        });
      } catch (error) {
        // Several services start at once and race to create the same topics.
        const now = new Set(await admin.listTopics());
        if (!missing.every(({ topic }) => now.has(topic))) throw error;
      }
    } finally {
      await admin.disconnect();
    }
  }

  return {
    publish,
    subscribe,
    endOffsets,
    liveGroupOffsets,
    ensureTopics,
    connect: connectProducer,
    close: async () => {
      halts.forEach((halt) => halt());
      await Promise.all(consumers.map(disconnect));
      await producer.disconnect();
      await admin?.disconnect();
      admin = undefined;
    },
  };
}

/**
 * Awaits `work` while heartbeating, so a slow handler (a PDF render, a slow
 * SMTP server) never costs the consumer its group membership.
 */
async function whileBeating<T>(heartbeat: () => Promise<void>, work: Promise<T>): Promise<T> {
  const beating = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_EVERY_MS);
  try {
    return await work;
  } finally {
    clearInterval(beating);
  }
}
