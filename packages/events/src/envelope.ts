import { randomUUID } from 'node:crypto';
import { currentRequestId } from '@portico/logger';
import { currentTraceHeaders } from '@portico/tracing';
import type { EventData, EventType } from './catalog';

/** A Portico event as a CloudEvents 1.0 structured JSON envelope. */
export interface CloudEvent<T extends EventType = EventType> {
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

export interface NewEvent<T extends EventType> {
  type: T;
  /** The producing service, e.g. "customer"; becomes source "/portico/customer". */
  service: string;
  subject: string;
  tenantId: string;
  data: EventData<T>;
}

export function createEvent<T extends EventType>(event: NewEvent<T>): CloudEvent<T> {
  return {
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
}

const withRequest = (requestId: string | undefined) => (requestId ? { requestid: requestId } : {});
