/**
 * Every topic the platform uses, with its partition count. Topics are created
 * by the project (auto-create is off on our brokers). One topic per aggregate
 * family; the message key is the aggregate id, so per-aggregate order holds.
 */
export const topics = {
  'identity.events.v1': { partitions: 3 },
  'customer.events.v1': { partitions: 6 },
  'access.events.v1': { partitions: 6 },
  'document.events.v1': { partitions: 6 },
  'notification.events.v1': { partitions: 3 },
} as const;

export type TopicName = keyof typeof topics;

/** Where a message that keeps failing goes, with the error in its headers. */
export function deadLetterTopic(topic: TopicName): string {
  return `${topic}.dlq`;
}

/** Every topic including the dead-letter ones, for creating them. */
export function allTopics(): { topic: string; partitions: number }[] {
  return Object.entries(topics).flatMap(([topic, { partitions }]) => [
    { topic, partitions },
    { topic: deadLetterTopic(topic as TopicName), partitions: 1 },
  ]);
}
