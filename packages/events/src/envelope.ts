import { randomUUID } from 'node:crypto';
import { currentRequestId } from '@portico/logger';
import { currentTraceHeaders } from '@portico/tracing';
import type { EventData, EventType } from './catalog';

/** A Portico event of type `T` as a CloudEvents 1.0 structured JSON envelope. */
export interface Envelope<T extends EventType> {
  id: string;
  source: string;
  type: T;
  specversion: '1.0';
  time: string;
  /** The aggregate id; also the Kafka message key. */
  subject: string;
  datacontenttype: 'application/json';
  /** Extension attribute: the tenant the event belongs to. */
  tenantid: string;
  /**
   * Extension attribute: the request that caused it. Kept with the event, so
   * an event published later by the outbox relay still names its request.
   */
  requestid?: string;
  /**
   * CloudEvents Distributed Tracing extension: the trace context of the span that made the
   * event, so its consumers continue that trace however much later the outbox relays it.
   */
  traceparent?: string;
  tracestate?: string;
  data: EventData<T>;
}

/**
 * A Portico event: for one type its envelope; unparameterized, the union of every
 * type's, so `switch (event.type)` narrows `event.data` to that type's payload.
 */
export type CloudEvent<T extends EventType = EventType> = { [K in T]: Envelope<K> }[T];

export interface NewEvent<T extends EventType> {
  type: T;
  /** The producing service, e.g. "customer"; becomes source "/portico/customer". */
  service: string;
  subject: string;
  tenantId: string;
  data: EventData<T>;
}

export function createEvent<T extends EventType>(event: NewEvent<T>): CloudEvent<T> {
  const envelope: Envelope<T> = {
    id: randomUUID(),
    source: `/portico/${event.service}`,
    type: event.type,
    specversion: '1.0',
    time: new Date().toISOString(),
    subject: event.subject,
    datacontenttype: 'application/json',
    tenantid: event.tenantId,
    ...withRequest(currentRequestId()),
    ...currentTraceHeaders(),
    data: event.data,
  };
  // For one type the two are the same; for a union of types TypeScript cannot see that itself.
  return envelope as CloudEvent<T>;
}

const withRequest = (requestId: string | undefined) => (requestId ? { requestid: requestId } : {});
