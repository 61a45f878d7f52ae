import type { CloudEvent, CurrentData, CurrentEvent, EventData, EventType } from '@portico/events';

/** The webhook event types of the API, each the name of one partner CloudEvents type. */
export const WEBHOOK_EVENT_TYPES = {
  DOCUMENT_ISSUED: 'portico.partner.document-issued.v1',
  DOCUMENT_VOIDED: 'portico.partner.document-voided.v1',
  PAYMENT_RECORDED: 'portico.partner.payment-recorded.v1',
  ESTIMATE_ANSWERED: 'portico.partner.estimate-answered.v1',
  DOCUMENT_RETRIEVED: 'portico.partner.document-retrieved.v1',
} as const satisfies Record<string, EventType>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;
export type PartnerEventType = (typeof WEBHOOK_EVENT_TYPES)[WebhookEventType];

export const webhookEventTypeOf = (type: PartnerEventType): WebhookEventType =>
  (Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[]).find(
    (name) => WEBHOOK_EVENT_TYPES[name] === type,
  )!;

type Projection<T extends EventType> = (data: CurrentData<T>) => {
  [P in PartnerEventType]: { type: P; data: EventData<P> };
}[PartnerEventType];

/**
 * What partners learn of each internal document event: business facts only.
 * Internal ids of staff and contacts, email addresses, IP addresses, portal
 * sharing and anything secret stay inside; an event partners need not know
 * (comments, statement requests) has no projection.
 */
const projections: { [T in EventType]?: Projection<T> } = {
  'portico.document.issued.v1': (data) => ({
    type: 'portico.partner.document-issued.v1',
    data: {
      documentId: data.documentId,
      customerId: data.customer.id,
      type: data.type,
      number: data.number,
      issueDate: data.issueDate,
      dueDate: data.dueDate ?? null,
      currency: data.currency,
      netTotal: data.netTotal ?? null,
      taxTotal: data.taxTotal ?? null,
      grossTotal: data.grossTotal,
      taxBreakdown: data.taxBreakdown,
    },
  }),
  'portico.document.voided.v1': (data) => ({
    type: 'portico.partner.document-voided.v1',
    data: {
      documentId: data.documentId,
      customerId: data.customerId,
      number: data.number,
      reason: data.reason,
    },
  }),
  'portico.document.payment-recorded.v1': (data) => ({
    type: 'portico.partner.payment-recorded.v1',
    data: {
      documentId: data.documentId,
      customerId: data.customerId,
      number: data.number,
      paymentId: data.paymentId,
      amount: data.amount,
      currency: data.currency,
      date: data.date,
      paidTotal: data.paidTotal,
      balanceDue: data.balanceDue,
    },
  }),
  'portico.document.estimate-answered.v1': (data) => ({
    type: 'portico.partner.estimate-answered.v1',
    data: {
      documentId: data.documentId,
      customerId: data.customerId,
      number: data.number,
      decision: data.decision,
      comment: data.comment ?? null,
    },
  }),
  'portico.document.retrieved.v1': (data) => ({
    type: 'portico.partner.document-retrieved.v1',
    data: {
      documentId: data.documentId,
      customerId: data.customerId,
      number: data.number,
      how: data.how,
      at: data.at,
    },
  }),
};

/**
 * The partner event for an internal one, or null. It keeps the internal
 * event's id (a redelivery yields the same partner event, so partners
 * deduplicate on `id`), its time, tenant and subject (the document).
 */
export function partnerEventOf(event: CurrentEvent): CloudEvent | null {
  const project = projections[event.type] as Projection<EventType> | undefined;
  if (!project) return null;
  const { type, data } = project(event.data);
  return {
    id: event.id,
    source: event.source,
    type,
    specversion: '1.0',
    time: event.time,
    subject: event.subject,
    datacontenttype: 'application/json',
    tenantid: event.tenantid,
    data,
  } as CloudEvent;
}
