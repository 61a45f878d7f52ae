import type { CloudEvent, EventData } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { NotificationStore } from '../store';

/** Erases the email history of a deleted customer (invitations and document emails). */
export function erasureConsumer(store: NotificationStore): ConsumerDefinition {
  return {
    name: 'erasure',
    topics: ['customer.events.v1'],
    async handle(event: CloudEvent) {
      if (event.type !== 'portico.customer.deleted.v1') return;
      const { customerId } = event.data as EventData<typeof event.type>;
      await store.emails.deleteMany({ tenantId: event.tenantid, customerId });
    },
  };
}
