interface TopicSettings {
  partitions: number;
  /** Kafka retention.ms; the broker default (7 days) when absent. */
  retentionMs?: number;
}

/**
 * Every topic the platform uses, with its settings. Topics are created by the
 * project (auto-create is off on our brokers). One topic per aggregate family;
 * the message key is the aggregate id, so per-aggregate order holds.
 */
export const topics = {
  'identity.events.v1': { partitions: 3 },
  // Every process reads it in full at start: keep only what can still matter
  // (access tokens live about 15 minutes; a day is ample).
  'identity.revocations.v1': { partitions: 1, retentionMs: 24 * 3_600_000 },
  'customer.events.v1': { partitions: 6 },
  'access.events.v1': { partitions: 6 },
  'document.events.v1': { partitions: 6 },
  'notification.events.v1': { partitions: 3 },
  // The one topic partners read: document events without internal detail, keyed by document id.
  'partner.document.events.v1': { partitions: 6 },
} as const satisfies Record<string, TopicSettings>;

export type TopicName = keyof typeof topics;

/** Where a message that keeps failing goes, with the error in its headers. */
export function deadLetterTopic(topic: TopicName): string {
  return `${topic}.dlq`;
}

/** Every topic including the dead-letter ones, for creating them. */
export function allTopics(): ({ topic: string } & TopicSettings)[] {
  return Object.entries(topics).flatMap(([topic, settings]: [string, TopicSettings]) => [
    { topic, ...settings },
    { topic: deadLetterTopic(topic as TopicName), partitions: 1 },
  ]);
}
