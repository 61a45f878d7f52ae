import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { NotificationStore } from '../store';

/**
 * Keeps who can be told about new documents: accesses (granted, changed,
 * revoked) and their activation. Activation comes on another topic and may
 * arrive first, so every write is an upsert that leaves the others' fields
 * alone; preferences start as defaults and are the contact's to change.
 */
export function recipientsConsumer(store: NotificationStore): ConsumerDefinition {
  return {
    name: 'recipients',
    topics: ['access.events.v1', 'identity.events.v1'],
    async handle(event: CurrentEvent) {
      const tenantId = event.tenantid;
      const upsert = (accessId: string, set: object) =>
        store.setRecipient(accessId, { tenantId, ...set });
      switch (event.type) {
        case 'portico.access.granted.v1':
        case 'portico.access.invitation-resent.v1': {
          const data = event.data;
          await upsert(data.accessId, {
            customerId: data.customerId,
            email: data.email,
            firstName: data.firstName ?? null,
            permissions: data.permissions,
            expiresAt: data.expiresAt ? new Date(data.expiresAt) : null,
          });
          return;
        }
        case 'portico.access.updated.v1': {
          const data = event.data;
          await upsert(data.accessId, {
            customerId: data.customerId,
            permissions: data.permissions,
            expiresAt: data.expiresAt ? new Date(data.expiresAt) : null,
          });
          return;
        }
        case 'portico.access.revoked.v1': {
          const data = event.data;
          await upsert(data.accessId, { customerId: data.customerId, revoked: true });
          return;
        }
        case 'portico.identity.contact-activated.v1': {
          const data = event.data;
          await upsert(data.accessId, { customerId: data.customerId, active: true });
          return;
        }
        default:
          return;
      }
    },
  };
}
