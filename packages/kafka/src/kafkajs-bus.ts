import type { EventBus } from './bus';
import { createClusterAdmin } from './kafkajs-admin';
import { createKafkaClient, type KafkaBusOptions } from './kafkajs-client';
import { createGroupConsumer, type GroupConsumer } from './kafkajs-consumer';
import { createEventProducer } from './kafkajs-producer';

/**
 * The EventBus on kafkajs: one producer (kafkajs-producer), a consumer group
 * member per subscription (kafkajs-consumer) and admin calls (kafkajs-admin)
 * on one client. Closing halts every consumer's retries, leaves the groups,
 * then disconnects the producer and admin.
 */
export function createKafkaBus(options: KafkaBusOptions): EventBus {
  const { logger } = options;
  const kafka = createKafkaClient(options);
  const producer = createEventProducer(kafka);
  const admin = createClusterAdmin(kafka);
  const consumers = new Set<GroupConsumer>();

  return {
    publish: (events) => producer.publish(events),
    async subscribe(subscription) {
      const consumer = createGroupConsumer(kafka, logger, subscription, producer.sendToDeadLetter);
      // Known before it starts, so a close during a start that hangs still halts it.
      consumers.add(consumer);
      await consumer.start();
      return {
        stop: async () => {
          consumer.halt();
          consumers.delete(consumer);
          await consumer.disconnect();
        },
      };
    },
    endOffsets: (topics) => admin.endOffsets(topics),
    liveGroupOffsets: (matches, topics) => admin.liveGroupOffsets(matches, topics),
    ensureTopics: () => admin.ensureTopics(),
    connect: () => producer.connect(),
    close: async () => {
      for (const consumer of consumers) consumer.halt();
      await Promise.all([...consumers].map((consumer) => consumer.disconnect()));
      await producer.disconnect();
      await admin.close();
    },
  };
}
