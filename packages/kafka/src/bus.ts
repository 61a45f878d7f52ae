import type { CloudEvent, CurrentEvent, TopicName } from '@portico/events';

/**
 * What a handler throws when something it needs is down for now (an SMTP
 * server that does not answer, a browser that cannot start): the bus tries
 * the message again, with pauses growing to 10 s, for as long as that takes,
 * and the partition waits. Any other error is tried `maxAttempts` times and
 * then goes to the dead-letter topic.
 */
export class RetryLater extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryLater';
  }
}

/** What a handler learns about the message besides the event. */
export interface Delivery {
  topic: string;
  partition: number;
  offset: string;
  requestId: string | undefined;
}

/** Handles one consumed event, upcast to its type's current shape (`upcast` in @portico/events). */
export type EventHandler = (event: CurrentEvent, delivery: Delivery) => Promise<void>;

export interface SubscribeOptions {
  /** Consumer group: replicas of one service share it and split partitions. */
  groupId: string;
  topics: TopicName[];
  handle: EventHandler;
  /** Tries per message before it goes to the topic's dead-letter topic (RetryLater aside). */
  maxAttempts?: number;
  /** Errors other than RetryLater that mean "down for now" (e.g. the database not answering). */
  isTransient?: (error: Error) => boolean;
  /**
   * Partitions handled at once (default 1). Order within a partition (one
   * subject) holds either way; only handlers whose events never touch the
   * same stored document from two subjects may take more (FerretDB does not
   * make concurrent updates of one document atomic).
   */
  concurrency?: number;
  /** Called when the consumer stops for good; the process should exit. */
  onFatal: (error: Error) => void;
  /** Called after each fetch from the broker has answered (with messages or none after its wait). */
  onFetch?: () => void;
}

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * The platform's event bus. Services depend on this interface only, so the
 * Kafka client behind it can be swapped without touching them.
 */
export interface EventBus {
  /** Publishes to each event's catalog topic, keyed by its subject. */
  publish(events: CloudEvent[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Per partition ("topic:partition"), the offset the next message will get: what exists now. */
  endOffsets(topics: TopicName[]): Promise<Map<string, bigint>>;
  /**
   * For each consumer group that has members now and whose id `matches`, its
   * committed offsets on these topics ("topic:partition" → the next offset it
   * will read; absent where it has committed nothing).
   */
  liveGroupOffsets(
    matches: (groupId: string) => boolean,
    topics: TopicName[],
  ): Promise<Map<string, Map<string, bigint>>>;
  /** Creates missing topics (and their dead-letter topics) with their partition counts. */
  ensureTopics(): Promise<void>;
  /** Connects the producer; call at start-up, so a broker that cannot be reached stops the start. */
  connect(): Promise<void>;
  close(): Promise<void>;
}
