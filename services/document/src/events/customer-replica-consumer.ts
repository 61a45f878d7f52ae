import type { CloudEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { DocumentStore } from '../store';

/** Keeps the customer read model current. An upsert by customer id is idempotent. */
export function customerReplicaConsumer(store: DocumentStore): ConsumerDefinition {
  return {
    name: 'customer-replica',
    topics: ['customer.events.v1'],
    async handle(event: CloudEvent) {
      if (event.type !== 'portico.customer.created.v1') return;
      const data = event.data as CloudEvent<'portico.customer.created.v1'>['data'];
      await store.customers.updateOne(
        { _id: data.customerId, tenantId: event.tenantid },
        { $set: { number: data.number, displayName: data.displayName, email: data.email ?? null } },
        { upsert: true },
      );
    },
  };
}
