import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { createEvent, type CloudEvent } from '@portico/events';
import { createLogger } from '@portico/logger';
import { createKafkaBus, RetryLater } from './index';
import type { EventBus, Subscription } from './bus';

const logger = createLogger('kafka-test', { level: 'silent' });
let bus: EventBus;
const subscriptions: Subscription[] = [];

beforeAll(async () => {
  bus = createKafkaBus({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'kafka-test',
    logger,
  });
  await bus.ensureTopics();
});
afterAll(async () => {
  await Promise.all(subscriptions.map((subscription) => subscription.stop()));
  await bus.close();
});

function customerCreated(customerId: string) {
  return createEvent({
    type: 'portico.customer.created.v1',
    service: 'test',
    subject: customerId,
    tenantId: 'tenant-1',
    data: { customerId, number: 'C-1', type: 'COMPANY', displayName: 'ACME GmbH' },
  });
}

describe('event bus on the real broker', () => {
  it('creates every topic and its dead-letter topic with their partition counts', async () => {
    const admin = new Kafka({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      logLevel: 0,
    }).admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({
      topics: ['customer.events.v1', 'customer.events.v1.dlq'],
    });
    await admin.disconnect();
    const counts = metadata.topics.map((topic) => [topic.name, topic.partitions.length]);
    expect(counts.sort()).toEqual([
      ['customer.events.v1', 6],
      ['customer.events.v1.dlq', 1],
    ]);
  });

  it('publishes and consumes through a consumer group, keyed by subject, with the request id', async () => {
    const customerId = randomUUID();
    const received = new Promise<{ event: CloudEvent; requestId?: string }>((resolve) => {
      void bus
        .subscribe({
          groupId: `test-${randomUUID()}`,
          topics: ['customer.events.v1'],
          onFatal: (error) => {
            throw error;
          },
          handle: async (event, delivery) => {
            if (event.subject === customerId) resolve({ event, requestId: delivery.requestId });
          },
        })
        .then((subscription) => subscriptions.push(subscription));
    });
    const sent = customerCreated(customerId);
    const { withRequestId } = await import('@portico/logger');
    await withRequestId('req-kafka-1', () => bus.publish([sent]));
    const { event, requestId } = await received;
    // Stop inside the test: kafkajs keeps committing offsets in the background.
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
    // Handed over upcast: a customer event without administrators names none.
    expect(event).toEqual({ ...sent, data: { ...sent.data, administratorIds: [] } });
    expect(requestId).toBe('req-kafka-1');
  });

  it('publishes an event made in a request with that request id, even from outside it (outbox)', async () => {
    const customerId = randomUUID();
    const received = new Promise<string | undefined>((resolve) => {
      void bus
        .subscribe({
          groupId: `test-${randomUUID()}`,
          topics: ['customer.events.v1'],
          onFatal: (error) => {
            throw error;
          },
          handle: async (event, delivery) => {
            if (event.subject === customerId) resolve(delivery.requestId);
          },
        })
        .then((subscription) => subscriptions.push(subscription));
    });
    const { withRequestId } = await import('@portico/logger');
    const made = withRequestId('req-made-here', () => customerCreated(customerId));
    expect(made.requestid).toBe('req-made-here');
    await withRequestId('req-relay-round', () => bus.publish([made])); // the relay's own context
    const requestId = await received;
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
    expect(requestId).toBe('req-made-here');
  });

  it('refuses to publish an event that breaks its schema', async () => {
    const bad = { ...customerCreated('c'), data: { customerId: 'c' } } as unknown as CloudEvent;
    await expect(bus.publish([bad])).rejects.toThrow(/invalid portico.customer.created.v1 data/);
  });

  it('moves a message that keeps failing to the dead-letter topic and goes on', async () => {
    const poisonId = randomUUID();
    const nextId = randomUUID();
    const handled: string[] = [];
    const deadLetters: { key?: string; error?: string }[] = [];
    const dlqConsumer = new Kafka({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      logLevel: 0,
    }).consumer({
      groupId: `dlq-${randomUUID()}`,
    });
    await dlqConsumer.connect();
    await dlqConsumer.subscribe({ topic: 'customer.events.v1.dlq', fromBeginning: true });
    await dlqConsumer.run({
      eachMessage: async ({ message }) => {
        deadLetters.push({
          key: message.key?.toString(),
          error: message.headers?.['x-error']?.toString(),
        });
      },
    });
    const subscription = await bus.subscribe({
      groupId: `test-${randomUUID()}`,
      topics: ['customer.events.v1'],
      maxAttempts: 2,
      onFatal: () => undefined,
      handle: async (event) => {
        if (event.subject === poisonId) throw new Error('cannot handle this one');
        if (event.subject === nextId) handled.push(event.subject);
      },
    });
    subscriptions.push(subscription);
    // Same key, same partition: the second is only reached once the first is dead-lettered.
    await bus.publish([
      { ...customerCreated(poisonId) },
      { ...customerCreated(nextId), subject: poisonId },
    ]);
    await bus.publish([customerCreated(nextId)]);
    await waitFor(() => handled.includes(nextId) && deadLetters.some((dl) => dl.key === poisonId));
    await dlqConsumer.disconnect();
    await subscription.stop();
    subscriptions.splice(subscriptions.indexOf(subscription), 1);
    expect(deadLetters.find((dl) => dl.key === poisonId)?.error).toBe('cannot handle this one');
  });

  it('keeps trying a message whose handler waits for a dependency, past maxAttempts', async () => {
    const customerId = randomUUID();
    const tries: string[] = [];
    const subscription = await bus.subscribe({
      groupId: `test-${randomUUID()}`,
      topics: ['customer.events.v1'],
      maxAttempts: 2,
      onFatal: () => undefined,
      handle: async (event) => {
        if (event.subject !== customerId) return;
        // Down for the first four tries, as an SMTP server being restarted would be.
        if (tries.push(event.id) <= 4) throw new RetryLater('SMTP: connect ECONNREFUSED');
      },
    });
    subscriptions.push(subscription);
    const event = customerCreated(customerId);
    await bus.publish([event]);
    await waitFor(() => tries.length === 5);
    // Handled on the fifth try (not dead-lettered after the second), and then left alone.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(tries).toEqual(Array(5).fill(event.id));
  });

  it('stops at once while a handler waits for a dependency; the message comes again later', async () => {
    const customerId = randomUUID();
    const groupId = `test-${randomUUID()}`;
    let tries = 0;
    const first = await bus.subscribe({
      groupId,
      topics: ['customer.events.v1'],
      onFatal: () => undefined,
      handle: async (event) => {
        if (event.subject !== customerId) return;
        tries++;
        throw new RetryLater('SMTP: connect ECONNREFUSED');
      },
    });
    await bus.publish([customerCreated(customerId)]);
    await waitFor(() => tries >= 3);
    const stopping = Date.now();
    await first.stop();
    expect(Date.now() - stopping).toBeLessThan(5_000);

    // The same group, started again (the process restarted): the message is handled now.
    const handled: string[] = [];
    const second = await bus.subscribe({
      groupId,
      topics: ['customer.events.v1'],
      onFatal: () => undefined,
      handle: async (event) => {
        if (event.subject === customerId) handled.push(event.subject);
      },
    });
    subscriptions.push(second);
    await waitFor(() => handled.length === 1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
