import { randomUUID } from 'node:crypto';
import { register } from 'prom-client';
import { createEvent, type CloudEvent } from '@portico/events';
import { createLogger } from '@portico/logger';
import { createKafkaBus, DeadLetterNotFound, openDeadLetterDesk, type DeadLetter } from './index';
import type { EventBus, Subscription } from './bus';

const logger = createLogger('dead-letters-test', { level: 'silent' });
const brokers = process.env.KAFKA_BROKERS!.split(',');
const DLQ = 'customer.events.v1.dlq';
let bus: EventBus;
const desk = openDeadLetterDesk({ brokers, clientId: 'dead-letters-test', logger });
const subscriptions: Subscription[] = [];

beforeAll(async () => {
  bus = createKafkaBus({ brokers, clientId: 'dead-letters-test', logger });
  await bus.ensureTopics();
});
afterAll(async () => {
  await Promise.all(subscriptions.map((subscription) => subscription.stop()));
  await Promise.all([bus.close(), desk.close()]);
});

/** A customer-created event for `customerId`, keyed by `subject` (one partition per subject). */
function customerCreated(customerId: string, subject = customerId): CloudEvent {
  return createEvent({
    type: 'portico.customer.created.v1',
    service: 'test',
    subject,
    tenantId: 'tenant-1',
    data: { customerId, number: 'C-1', type: 'COMPANY', displayName: 'ACME GmbH' },
  });
}

const customerOf = (event: CloudEvent) =>
  event.type === 'portico.customer.created.v1' ? event.data.customerId : '';

async function subscribe(groupId: string, handle: (event: CloudEvent) => void): Promise<void> {
  subscriptions.push(
    await bus.subscribe({
      groupId,
      topics: ['customer.events.v1'],
      maxAttempts: 1,
      onFatal: () => undefined,
      handle: async (event) => handle(event),
    }),
  );
}

async function letterFor(key: string): Promise<DeadLetter> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const letter = (await desk.list(DLQ)).find((candidate) => candidate.key === key);
    if (letter) return letter;
    if (Date.now() > deadline) throw new Error(`no dead letter for ${key}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function deadLettersCounted(group: string): Promise<number | undefined> {
  const metric = await register.getSingleMetric('kafka_dead_letters_total')?.get();
  return metric?.values.find((value) => value.labels.group === group)?.value;
}

describe('dead letters', () => {
  it('lists a failed event with its error, and replays it once, to the group that failed only', async () => {
    const failingGroup = `test-failing-${randomUUID()}`;
    const otherGroup = `test-other-${randomUUID()}`;
    const poison = randomUUID();
    const later = randomUUID();
    let fixed = false;
    const failingSaw: string[] = [];
    const otherSaw: string[] = [];
    await subscribe(failingGroup, (event) => {
      if (event.subject !== poison) return;
      failingSaw.push(customerOf(event));
      if (!fixed) throw new Error('the template for this event is missing');
    });
    await subscribe(otherGroup, (event) => {
      if (event.subject === poison) otherSaw.push(customerOf(event));
    });

    await bus.publish([customerCreated(poison)]);
    const letter = await letterFor(poison);
    expect(letter).toMatchObject({
      topic: DLQ,
      originalTopic: 'customer.events.v1',
      group: failingGroup,
      error: 'the template for this event is missing',
      eventType: 'portico.customer.created.v1',
      replayedAt: null,
    });
    expect(customerOf(JSON.parse(letter.value) as CloudEvent)).toBe(poison);
    expect(await deadLettersCounted(failingGroup)).toBe(1);
    const topics = await desk.topics();
    expect(topics.find((topic) => topic.topic === DLQ)?.letters).toBeGreaterThanOrEqual(1);

    // Its cause fixed, the letter goes through once; asking again sends nothing.
    fixed = true;
    const first = await desk.replay(DLQ, letter.offset);
    expect(first.replayed).toBe(true);
    const again = await desk.replay(DLQ, letter.offset);
    expect(again).toMatchObject({
      replayed: false,
      letter: { replayedAt: first.letter.replayedAt },
    });
    expect((await desk.show(DLQ, letter.offset)).replayedAt).toBe(first.letter.replayedAt);

    // A later event on the same partition is reached after anything replayed before it.
    await bus.publish([customerCreated(later, poison)]);
    await waitFor(() => failingSaw.includes(later) && otherSaw.includes(later));
    expect(failingSaw).toEqual([poison, poison, later]);
    expect(otherSaw).toEqual([poison, later]);
  });

  it('refuses a topic that is not a dead-letter topic and an offset that holds no letter', async () => {
    await expect(desk.list('customer.events.v1')).rejects.toThrow(/not a dead-letter topic/);
    await expect(desk.show(DLQ, '999999999')).rejects.toBeInstanceOf(DeadLetterNotFound);
  });
});
