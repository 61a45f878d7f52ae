import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { EventBus } from '@portico/kafka';
import type { ConsumerDefinition } from '@portico/service-runtime';
import {
  partnerEventOf,
  webhookEventTypeOf,
  type PartnerEventType,
} from '../partners/partner-events';
import type { WebhookDeliveries } from '../partners/webhook-deliveries';
import type { WebhookDispatcher } from '../partners/webhook-dispatcher';
import type { WebhookEndpoints } from '../partners/webhook-endpoints';

/**
 * Document events for partners: each becomes its partner projection, published
 * on `partner.document.events.v1` and queued for the tenant's webhook endpoints
 * that want it. Both steps are idempotent (same event id; one delivery per
 * event and endpoint), so a redelivered event is harmless.
 */
export function partnerFeedConsumer(parts: {
  bus: EventBus;
  endpoints: WebhookEndpoints;
  deliveries: WebhookDeliveries;
  dispatcher: WebhookDispatcher;
}): ConsumerDefinition {
  return {
    name: 'partner-feed',
    topics: ['document.events.v1'],
    async handle(event: CurrentEvent) {
      const partnerEvent = partnerEventOf(event);
      if (!partnerEvent) return;
      await parts.bus.publish([partnerEvent]);
      const type = webhookEventTypeOf(partnerEvent.type as PartnerEventType);
      const endpoints = await parts.endpoints.subscribedTo(eventScope(event), type);
      for (const endpoint of endpoints) await parts.deliveries.enqueue(endpoint, partnerEvent);
      if (endpoints.length > 0) parts.dispatcher.kick();
    },
  };
}
