import type { CloudEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { IdentityStore } from '../store';

/**
 * Writes what other services report into the tenant's audit trail. The entry
 * id derives from the event id, so a redelivered event is recorded once.
 */
export function auditConsumer(store: IdentityStore): ConsumerDefinition {
  return {
    name: 'audit',
    topics: ['customer.events.v1', 'notification.events.v1'],
    async handle(event: CloudEvent) {
      const base = {
        _id: `event:${event.id}`,
        tenantId: event.tenantid,
        createdAt: new Date(event.time),
      };
      switch (event.type) {
        case 'portico.customer.created.v1': {
          const data = event.data as CloudEvent<'portico.customer.created.v1'>['data'];
          return store.audit({
            ...base,
            actorId: data.createdBy ?? null,
            action: 'customer.created',
            targetType: 'Customer',
            targetId: data.customerId,
          });
        }
        case 'portico.email.sent.v1': {
          const data = event.data as CloudEvent<'portico.email.sent.v1'>['data'];
          return store.audit({
            ...base,
            actorId: null,
            action: 'email.sent',
            targetType: 'EmailMessage',
            targetId: data.emailId,
            details: JSON.stringify({ kind: data.kind, documentId: data.documentId ?? null }),
          });
        }
        default:
          return undefined;
      }
    },
  };
}
