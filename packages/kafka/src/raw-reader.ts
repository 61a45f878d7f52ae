import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

/**
 * Every message value on `topics` as the broker stores it, read from the beginning by a group
 * of its own, until `enough(values)` holds or `timeoutMs` passes: what anyone with read access
 * to the broker sees (for tests and audits of what the topics hold).
 */
export async function readRawMessages(options: {
  brokers: string[];
  topics: string[];
  enough: (values: string[]) => boolean;
  timeoutMs?: number;
}): Promise<string[]> {
  const kafka = new Kafka({
    clientId: 'raw-reader',
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `raw-reader-${randomUUID()}` });
  const values: string[] = [];
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: options.topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void values.push(message.value?.toString() ?? ''),
    });
    while (!options.enough(values)) {
      if (Date.now() > deadline)
        throw new Error(`not enough read from ${options.topics.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return values;
  } finally {
    await consumer.disconnect();
  }
}
