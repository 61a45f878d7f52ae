import type { EventDataMap } from './generated';
import type { TopicName } from './topics';

/** Which topic carries each event type. Names: portico.<entity>.<action>.v<version>. */
export const eventCatalog = {
  'portico.identity.organization-registered.v1': { topic: 'identity.events.v1' },
  'portico.identity.owner-verification-requested.v1': { topic: 'identity.events.v1' },
  'portico.identity.organization-verified.v1': { topic: 'identity.events.v1' },
  'portico.identity.session-revoked.v1': { topic: 'identity.revocations.v1' },
  'portico.identity.password-reset-requested.v1': { topic: 'identity.events.v1' },
  'portico.identity.password-reset-unavailable.v1': { topic: 'identity.events.v1' },
  'portico.identity.staff-invited.v1': { topic: 'identity.events.v1' },
  'portico.identity.contact-invited.v1': { topic: 'identity.events.v1' },
  'portico.identity.contact-activated.v1': { topic: 'identity.events.v1' },
  'portico.identity.signed-in.v1': { topic: 'identity.events.v1' },
  'portico.customer.created.v1': { topic: 'customer.events.v1' },
  'portico.customer.updated.v1': { topic: 'customer.events.v1' },
  'portico.customer.deleted.v1': { topic: 'customer.events.v1' },
  'portico.customer.portal-settings-changed.v1': { topic: 'customer.events.v1' },
  'portico.access.granted.v1': { topic: 'access.events.v1' },
  'portico.access.invitation-resent.v1': { topic: 'access.events.v1' },
  'portico.access.updated.v1': { topic: 'access.events.v1' },
  'portico.access.revoked.v1': { topic: 'access.events.v1' },
  'portico.document.issued.v1': { topic: 'document.events.v1' },
  'portico.document.voided.v1': { topic: 'document.events.v1' },
  'portico.document.payment-recorded.v1': { topic: 'document.events.v1' },
  'portico.document.comment-added.v1': { topic: 'document.events.v1' },
  'portico.document.estimate-answered.v1': { topic: 'document.events.v1' },
  'portico.document.retrieved.v1': { topic: 'document.events.v1' },
  'portico.document.statement-requested.v1': { topic: 'document.events.v1' },
  'portico.document.statement-pdf-requested.v1': { topic: 'document.events.v1' },
  'portico.email.sent.v1': { topic: 'notification.events.v1' },
  // For partner systems (documented in schemas/events/asyncapi.yaml): projections of document events.
  'portico.partner.document-issued.v1': { topic: 'partner.document.events.v1' },
  'portico.partner.document-voided.v1': { topic: 'partner.document.events.v1' },
  'portico.partner.payment-recorded.v1': { topic: 'partner.document.events.v1' },
  'portico.partner.estimate-answered.v1': { topic: 'partner.document.events.v1' },
  'portico.partner.document-retrieved.v1': { topic: 'partner.document.events.v1' },
} as const satisfies { [T in keyof EventDataMap]: { topic: TopicName } };

export type EventType = keyof typeof eventCatalog;
export type EventData<T extends EventType> = EventDataMap[T];

export function topicOf(type: EventType): TopicName {
  return eventCatalog[type].topic;
}

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalog, type);
}
