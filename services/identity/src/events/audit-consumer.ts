import type { CloudEvent, EventData } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { IdentityStore } from '../store';

/**
 * Writes what other services report into the tenant's audit trail. The entry
 * id derives from the event id, so a redelivered event is recorded once.
 */
export function auditConsumer(store: IdentityStore): ConsumerDefinition {
  return {
    name: 'audit',
    topics: [
      'customer.events.v1',
      'access.events.v1',
      'document.events.v1',
      'notification.events.v1',
    ],
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
            customerId: data.customerId,
          });
        }
        case 'portico.customer.updated.v1': {
          const data = event.data as EventData<typeof event.type>;
          return store.audit({
            ...base,
            actorId: data.updatedBy.userId,
            action: 'customer.updated',
            targetType: 'Customer',
            targetId: data.customerId,
            customerId: data.customerId,
            details: JSON.stringify({ changedFields: data.changedFields, by: data.updatedBy.kind }),
          });
        }
        case 'portico.customer.deleted.v1': {
          const data = event.data as EventData<typeof event.type>;
          return store.audit({
            ...base,
            actorId: data.deletedBy,
            action: 'customer.deleted',
            targetType: 'Customer',
            targetId: data.customerId,
            customerId: data.customerId,
          });
        }
        case 'portico.access.granted.v1':
        case 'portico.access.invitation-resent.v1': {
          const data = event.data as EventData<typeof event.type>;
          return store.audit({
            ...base,
            actorId: 'grantedBy' in data ? data.grantedBy : data.resentBy,
            action:
              event.type === 'portico.access.granted.v1'
                ? 'access.granted'
                : 'access.invitation-resent',
            targetType: 'PortalAccess',
            targetId: data.accessId,
            customerId: data.customerId,
            details: JSON.stringify({
              customerId: data.customerId,
              accessLevelId: data.accessLevelId,
            }),
          });
        }
        case 'portico.access.updated.v1': {
          const data = event.data as EventData<typeof event.type>;
          return store.audit({
            ...base,
            actorId: data.updatedBy,
            action: 'access.updated',
            targetType: 'PortalAccess',
            targetId: data.accessId,
            customerId: data.customerId,
            details: JSON.stringify({
              accessLevelId: data.accessLevelId,
              expiresAt: data.expiresAt,
            }),
          });
        }
        case 'portico.access.revoked.v1': {
          const data = event.data as EventData<typeof event.type>;
          return store.audit({
            ...base,
            actorId: data.revokedBy ?? null,
            action: 'access.revoked',
            targetType: 'PortalAccess',
            targetId: data.accessId,
            customerId: data.customerId,
            details: JSON.stringify({ reason: data.reason }),
          });
        }
        case 'portico.document.retrieved.v1': {
          const data = event.data as EventData<typeof event.type>;
          return store.audit({
            ...base,
            actorId: data.userId,
            action: data.how === 'VIEWED' ? 'document.viewed' : 'document.downloaded',
            targetType: 'Document',
            targetId: data.documentId,
            customerId: data.customerId,
            details: JSON.stringify({ number: data.number, accessId: data.accessId }),
          });
        }
        case 'portico.document.voided.v1':
        case 'portico.document.payment-recorded.v1':
        case 'portico.document.estimate-answered.v1': {
          const data = event.data as EventData<typeof event.type>;
          const [actorId, action] =
            'voidedBy' in data
              ? [data.voidedBy, 'document.voided']
              : 'recordedBy' in data
                ? [data.recordedBy, 'document.payment-recorded']
                : [
                    data.answeredBy,
                    data.decision === 'ACCEPT'
                      ? 'document.estimate-accepted'
                      : 'document.estimate-declined',
                  ];
          return store.audit({
            ...base,
            actorId,
            action,
            targetType: 'Document',
            targetId: data.documentId,
            customerId: data.customerId,
            details: JSON.stringify({ number: data.number }),
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
            customerId: data.customerId ?? null,
            details: JSON.stringify({ kind: data.kind, documentId: data.documentId ?? null }),
          });
        }
        default:
          return undefined;
      }
    },
  };
}
