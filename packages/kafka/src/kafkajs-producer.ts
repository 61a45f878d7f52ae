import { Partitioners, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { Counter } from 'prom-client';
import {
  assertValidEvent,
  deadLetterTopic,
  topicOf,
  type CloudEvent,
  type TopicName,
} from '@portico/events';
import { currentRequestId, REQUEST_ID_HEADER } from '@portico/logger';
import { DEAD_LETTER_HEADERS } from './dead-letters';

const deadLetters = new Counter({
  name: 'kafka_dead_letters_total',
  help: 'Messages a consumer group gave up on and wrote to the dead-letter topic (alert on any)',
  labelNames: ['group', 'topic'],
});

const CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

/** The bus's one producer: events to their catalog topics, failed messages to dead-letter topics. */
export interface EventProducer {
  /** Connects (once; a failed connect is tried again by the next call). */
  connect(): Promise<void>;
  publish(events: CloudEvent[]): Promise<void>;
  /** Writes a message `group` gave up on to its topic's dead-letter topic, with the error. */
  sendToDeadLetter(
    group: string,
    topic: string,
    message: KafkaMessage,
    error: Error,
  ): Promise<void>;
  disconnect(): Promise<void>;
}

export function createEventProducer(kafka: Kafka): EventProducer {
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

  function connect(): Promise<void> {
    // A failed connect (broker down) is tried again by the next publish.
    connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  }

  async function publish(events: CloudEvent[]): Promise<void> {
    if (events.length === 0) return;
    await connect();
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

  async function sendToDeadLetter(
    group: string,
    topic: string,
    message: KafkaMessage,
    error: Error,
  ): Promise<void> {
    await connect();
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

  return { connect, publish, sendToDeadLetter, disconnect: () => producer.disconnect() };
}
