import type { CloudEvent, EventData } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { DocumentStore } from '../store';

/** Keeps what each portal access may do (its permissions, whether revoked); upserts by access id. */
export function accessReplicaConsumer(store: DocumentStore): ConsumerDefinition {
  return {
    name: 'access-replica',
    topics: ['access.events.v1'],
    async handle(event: CloudEvent) {
      const tenantId = event.tenantid;
      switch (event.type) {
        case 'portico.access.granted.v1':
        case 'portico.access.updated.v1': {
          const data = event.data as EventData<typeof event.type>;
          await store.accesses.updateOne(
            { _id: data.accessId, tenantId },
            { $set: { customerId: data.customerId, permissions: data.permissions } },
            { upsert: true },
          );
          return;
        }
        case 'portico.access.revoked.v1': {
          const data = event.data as EventData<typeof event.type>;
          await store.accesses.updateOne(
            { _id: data.accessId, tenantId },
            { $set: { customerId: data.customerId, revoked: true } },
            { upsert: true },
          );
          return;
        }
        default:
          return;
      }
    },
  };
}
