import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { allTopics } from '@portico/events';
import { createKafkaClient, type KafkaBusOptions } from './kafkajs-client';
import { stringHeaders } from './message-headers';

/** Headers the bus writes on a dead letter, and those a replay adds. */
export const DEAD_LETTER_HEADERS = {
  error: 'x-error',
  originalTopic: 'x-original-topic',
  originalOffset: 'x-original-offset',
  /** The consumer group whose handler gave up on the message. */
  group: 'x-group',
  /** On a replayed message: only this consumer group handles it; the others skip it. */
  replayFor: 'x-replay-for',
  /** On a replayed message: the dead letter it came from ("topic:offset"). */
  replayedFrom: 'x-replayed-from',
} as const;

/** A compacted topic keyed by "topic:offset": which dead letters were replayed, and when. */
export const REPLAYS_TOPIC = 'portico.dead-letter-replays';
const READ_TIMEOUT_MS = 30_000;

export interface DeadLetter {
  /** The dead-letter topic (one partition) and the message's offset there. */
  topic: string;
  offset: string;
  originalTopic: string;
  originalOffset: string;
  /** The consumer group that gave up; null for letters written before groups were recorded. */
  group: string | null;
  error: string;
  failedAt: string;
  key: string | null;
  eventType: string | null;
  eventId: string | null;
  /** When it was replayed; null while it waits. */
  replayedAt: string | null;
  /** The message as it failed: the CloudEvent's JSON. */
  value: string;
  headers: Record<string, string>;
}

export interface DeadLetterDesk {
  /** The dead-letter topics and how many letters each holds. */
  topics(): Promise<{ topic: string; letters: number }[]>;
  /** The letters of one dead-letter topic, oldest first. */
  list(topic: string): Promise<DeadLetter[]>;
  show(topic: string, offset: string): Promise<DeadLetter>;
  /**
   * Publishes the letter to its original topic again, for the group that gave up only.
   * Idempotent: a letter already replayed is not published again (`replayed: false`).
   */
  replay(topic: string, offset: string): Promise<Replay>;
  /** The same for every letter of the topic not yet replayed, from one reading of it. */
  replayWaiting(topic: string): Promise<Replay[]>;
  close(): Promise<void>;
}

export interface Replay {
  /** False when the letter had been replayed before and was not sent again. */
  replayed: boolean;
  letter: DeadLetter;
}

export class DeadLetterNotFound extends Error {
  constructor(topic: string, offset: string) {
    super(`no dead letter at offset ${offset} of ${topic}`);
    this.name = 'DeadLetterNotFound';
  }
}

/** What an operator needs to see failed events and send them through again once fixed. */
export function openDeadLetterDesk(options: KafkaBusOptions): DeadLetterDesk {
  const kafka = createKafkaClient(options);
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const deadLetterTopics = allTopics()
    .map(({ topic }) => topic)
    .filter((topic) => topic.endsWith('.dlq'));
  let ready: Promise<void> | undefined;

  const connect = () =>
    (ready ??= (async () => {
      await Promise.all([admin.connect(), producer.connect()]);
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: REPLAYS_TOPIC,
            numPartitions: 1,
            replicationFactor: -1,
            configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
          },
        ],
      });
    })());

  function known(topic: string): void {
    if (!deadLetterTopics.includes(topic))
      throw new Error(`${topic} is not a dead-letter topic (${deadLetterTopics.join(', ')})`);
  }

  async function list(topic: string): Promise<DeadLetter[]> {
    known(topic);
    await connect();
    const [letters, replays] = await Promise.all([
      readToEnd(kafka, admin, topic),
      readToEnd(kafka, admin, REPLAYS_TOPIC),
    ]);
    const replayedAt = new Map(
      replays.map((message) => [
        message.key?.toString() ?? '',
        (JSON.parse(message.value?.toString() ?? '{}') as { replayedAt?: string }).replayedAt,
      ]),
    );
    return letters.map((message) =>
      letterOf(topic, message, replayedAt.get(`${topic}:${message.offset}`) ?? null),
    );
  }

  async function show(topic: string, offset: string): Promise<DeadLetter> {
    const letter = (await list(topic)).find((candidate) => candidate.offset === offset);
    if (!letter) throw new DeadLetterNotFound(topic, offset);
    return letter;
  }

  async function replayLetter(letter: DeadLetter): Promise<Replay> {
    const { topic, offset } = letter;
    if (letter.replayedAt) return { replayed: false, letter };
    const { error, originalTopic, originalOffset, group } = DEAD_LETTER_HEADERS;
    const failureHeaders = new Set<string>([error, originalTopic, originalOffset, group]);
    const headers = Object.fromEntries(
      Object.entries(letter.headers).filter(([name]) => !failureHeaders.has(name)),
    );
    await producer.send({
      topic: letter.originalTopic,
      messages: [
        {
          key: letter.key,
          value: letter.value,
          headers: {
            ...headers,
            [DEAD_LETTER_HEADERS.replayedFrom]: `${topic}:${offset}`,
            ...(letter.group ? { [DEAD_LETTER_HEADERS.replayFor]: letter.group } : {}),
          },
        },
      ],
    });
    // Written after the publish: a replay cut off in between publishes again next time,
    // which the idempotent consumers absorb.
    const replayedAt = new Date().toISOString();
    await producer.send({
      topic: REPLAYS_TOPIC,
      messages: [{ key: `${topic}:${offset}`, value: JSON.stringify({ replayedAt }) }],
    });
    return { replayed: true, letter: { ...letter, replayedAt } };
  }

  return {
    async topics() {
      await connect();
      return Promise.all(
        deadLetterTopics.map(async (topic) => {
          const [partition] = await admin.fetchTopicOffsets(topic);
          return { topic, letters: Number(partition!.high) - Number(partition!.low) };
        }),
      );
    },
    list,
    show,
    async replay(topic, offset) {
      return replayLetter(await show(topic, offset));
    },
    async replayWaiting(topic) {
      const waiting = (await list(topic)).filter((letter) => !letter.replayedAt);
      const replays: Replay[] = [];
      for (const letter of waiting) replays.push(await replayLetter(letter));
      return replays;
    },
    async close() {
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    },
  };
}

function letterOf(topic: string, message: KafkaMessage, replayedAt: string | null): DeadLetter {
  const headers = stringHeaders(message.headers);
  const value = message.value?.toString() ?? '';
  let event: { type?: unknown; id?: unknown } = {};
  try {
    event = JSON.parse(value) as typeof event;
  } catch {
    // A malformed message is a dead letter too; it shows without type or id.
  }
  return {
    topic,
    offset: message.offset,
    originalTopic: headers[DEAD_LETTER_HEADERS.originalTopic] ?? topic.replace(/\.dlq$/, ''),
    originalOffset: headers[DEAD_LETTER_HEADERS.originalOffset] ?? '',
    group: headers[DEAD_LETTER_HEADERS.group] ?? null,
    error: headers[DEAD_LETTER_HEADERS.error] ?? '',
    failedAt: new Date(Number(message.timestamp)).toISOString(),
    key: message.key?.toString() ?? null,
    eventType: typeof event.type === 'string' ? event.type : null,
    eventId: typeof event.id === 'string' ? event.id : null,
    replayedAt,
    value,
    headers,
  };
}

/** Every message of a topic up to its end now, read by a throwaway group that commits nothing. */
async function readToEnd(
  kafka: Kafka,
  admin: ReturnType<Kafka['admin']>,
  topic: string,
): Promise<KafkaMessage[]> {
  const ends = new Map(
    (await admin.fetchTopicOffsets(topic))
      .filter(({ high, low }) => BigInt(high) > BigInt(low))
      .map(({ partition, high }) => [partition, BigInt(high)]),
  );
  if (ends.size === 0) return [];
  const groupId = `portico-dead-letters-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const messages: KafkaMessage[] = [];
  const reached = new Set<number>();
  let done!: () => void;
  const allRead = new Promise<void>((resolve) => (done = resolve));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = ends.get(batch.partition) ?? 0n;
        messages.push(...batch.messages.filter((message) => BigInt(message.offset) < end));
        if (BigInt(batch.lastOffset()) + 1n >= end) reached.add(batch.partition);
        if (reached.size === ends.size) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      allRead,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${topic} could not be read to its end`)),
          READ_TIMEOUT_MS,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return messages.sort((a, b) => (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
}
