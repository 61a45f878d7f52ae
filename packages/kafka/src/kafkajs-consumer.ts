import type { EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import { Gauge, Histogram } from 'prom-client';
import { assertValidEvent, InvalidEventError, upcast } from '@portico/events';
import { REQUEST_ID_HEADER, withRequestId, type Logger } from '@portico/logger';
import { inSpan, recordFailure, SpanKind } from '@portico/tracing';
import { RetryLater, type SubscribeOptions } from './bus';
import { DEAD_LETTER_HEADERS } from './dead-letters';
import { headerString } from './message-headers';

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

/** Where a message goes that a group gave up on. */
export type DeadLetterSink = (
  group: string,
  topic: string,
  message: KafkaMessage,
  error: Error,
) => Promise<void>;

/** One consumer group member of the bus, from start to leaving its group. */
export interface GroupConsumer {
  /** Joins the group and starts handling messages. */
  start(): Promise<void>;
  /** Stops taking new work: pauses between tries end at once, restarts stop. */
  halt(): void;
  /** Leaves the group; a member that cannot leave in time is left for the broker to expire. */
  disconnect(): Promise<void>;
}

/**
 * A consumer that hands each message to `options.handle` in a span of its trace, tries
 * failures again with growing pauses (for as long as it takes when the cause is transient),
 * dead-letters the rest, and starts again after kafkajs gives up on a broker outage.
 */
export function createGroupConsumer(
  kafka: Kafka,
  logger: Logger,
  options: SubscribeOptions,
  deadLetter: DeadLetterSink,
): GroupConsumer {
  let stopping = false;
  let endPauses = () => {};
  const stopped = new Promise<void>((resolve) => (endPauses = resolve));
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

  const handling: Handling = {
    options,
    logger,
    pause,
    isStopping: () => stopping,
    deadLetter,
  };
  const start = async () => {
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: options.concurrency ?? 1,
      eachMessage: (payload) => handleMessage(handling, payload),
    });
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

  return {
    start,
    halt() {
      stopping = true;
      endPauses();
    },
    async disconnect() {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        consumer.disconnect().then(() => false),
        new Promise<boolean>(
          (resolve) => (timer = setTimeout(() => resolve(true), DISCONNECT_TIMEOUT_MS)),
        ),
      ]).finally(() => clearTimeout(timer)); // a pending timer would keep a stopping process alive for 5 s
      if (timedOut)
        logger.warn('consumer did not leave its group in time; the broker will expire it');
    },
  };
}

/** What handling a message needs from its consumer. */
interface Handling {
  options: SubscribeOptions;
  logger: Logger;
  /** Waits, or less when the consumer halts. */
  pause: (ms: number) => Promise<unknown>;
  isStopping: () => boolean;
  deadLetter: DeadLetterSink;
}

/** One message: in its request id and trace, tried until handled or dead-lettered. */
async function handleMessage(
  handling: Handling,
  { topic, partition, message, heartbeat }: EachMessagePayload,
): Promise<void> {
  const { options } = handling;
  // A replayed dead letter is for the group that gave up on it; the others had handled it.
  const replayFor = headerString(message.headers, DEAD_LETTER_HEADERS.replayFor);
  if (replayFor !== undefined && replayFor !== options.groupId) return;
  const requestId = headerString(message.headers, REQUEST_ID_HEADER);
  const handled = handlingSeconds.startTimer({ group: options.groupId, topic });
  const span = {
    kind: SpanKind.CONSUMER,
    parentHeaders: {
      traceparent: headerString(message.headers, 'traceparent'),
      tracestate: headerString(message.headers, 'tracestate'),
    },
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
    inSpan(`process ${topic}`, span, async (current) => {
      const failure = await tryHandling(handling, { topic, partition, message, heartbeat });
      if (!failure) return;
      handling.logger.error(
        { err: failure, topic, offset: message.offset },
        'event sent to dead-letter topic',
      );
      recordFailure(current, failure);
      await handling.deadLetter(options.groupId, topic, message, failure);
    }),
  ).finally(() => handled());
}

/**
 * Hands the event to the handler until it succeeds (undefined) or fails for good (the last
 * error): malformed at once, other errors after `maxAttempts`, transient ones never.
 */
async function tryHandling(
  { options, logger, pause, isStopping }: Handling,
  { topic, partition, message, heartbeat }: Omit<EachMessagePayload, 'pause'>,
): Promise<Error | undefined> {
  const maxAttempts = options.maxAttempts ?? 5;
  const requestId = headerString(message.headers, REQUEST_ID_HEADER);
  for (let attempt = 1; ; attempt++) {
    try {
      const event: unknown = JSON.parse(message.value?.toString() ?? 'null');
      assertValidEvent(event);
      await whileBeating(
        heartbeat,
        options.handle(upcast(event), { topic, partition, offset: message.offset, requestId }),
      );
      return undefined;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      // A malformed or unknown event will never succeed: no retries.
      if (failure instanceof InvalidEventError || failure instanceof SyntaxError) return failure;
      const transient = failure instanceof RetryLater || options.isTransient?.(failure) === true;
      if (!transient && attempt >= maxAttempts) return failure;
      // Shutting down: left uncommitted, the message comes again after the restart.
      if (isStopping()) throw failure;
      logger.warn(
        { err: failure, topic, offset: message.offset, attempt, transient },
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
