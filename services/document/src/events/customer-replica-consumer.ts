import type { CloudEvent, EventData } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { DocumentStore } from '../store';

/**
 * Keeps the customer read model current (upserts by customer id are
 * idempotent), and erases a deleted customer's documents with it. Events of
 * one customer share a partition, so a deletion comes after its updates.
 */
export function customerReplicaConsumer(store: DocumentStore): ConsumerDefinition {
  return {
    name: 'customer-replica',
    topics: ['customer.events.v1'],
    async handle(event: CloudEvent) {
      const tenantId = event.tenantid;
      switch (event.type) {
        case 'portico.customer.created.v1':
        case 'portico.customer.updated.v1': {
          const data = event.data as EventData<typeof event.type>;
          await store.customers.updateOne(
            { _id: data.customerId, tenantId },
            {
              $set: {
                number: data.number,
                displayName: data.displayName,
                email: data.email ?? null,
              },
            },
            { upsert: true },
          );
          return;
        }
        case 'portico.customer.deleted.v1': {
          const { customerId } = event.data as EventData<typeof event.type>;
          await store.documents.deleteMany({ tenantId, customerId });
          await store.customers.deleteOne({ _id: customerId, tenantId });
          return;
        }
        default:
          return;
      }
    },
  };
}
