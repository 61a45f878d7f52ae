import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { IdentityStore, NewAuditEntry } from '../store';

type AuditFields = Pick<NewAuditEntry, 'actorId' | 'action'> &
  Pick<Partial<NewAuditEntry>, 'targetType' | 'targetId' | 'customerId' | 'details' | 'ip'>;

// What an entry is about; the customer is kept so erasing it finds the entry.
const aboutCustomer = (customerId: string) => ({
  targetType: 'Customer',
  targetId: customerId,
  customerId,
});
const aboutAccess = (data: { accessId: string; customerId: string }) => ({
  targetType: 'PortalAccess',
  targetId: data.accessId,
  customerId: data.customerId,
});
const aboutDocument = (data: {
  documentId: string;
  customerId: string;
  number: string | null;
}) => ({
  targetType: 'Document',
  targetId: data.documentId,
  customerId: data.customerId,
  details: JSON.stringify({ number: data.number }),
});

/** The audit entry an event of another service makes, or null for events not audited. */
export function auditEntryFor(event: CurrentEvent): AuditFields | null {
  switch (event.type) {
    case 'portico.customer.created.v1': {
      const { data } = event;
      return {
        actorId: data.createdBy ?? null,
        action: 'customer.created',
        ...aboutCustomer(data.customerId),
      };
    }
    case 'portico.customer.updated.v1': {
      const { data } = event;
      return {
        actorId: data.updatedBy.userId,
        action: 'customer.updated',
        ...aboutCustomer(data.customerId),
        details: JSON.stringify({ changedFields: data.changedFields, by: data.updatedBy.kind }),
      };
    }
    case 'portico.customer.deleted.v1': {
      const { data } = event;
      return {
        actorId: data.deletedBy,
        action: 'customer.deleted',
        ...aboutCustomer(data.customerId),
      };
    }
    case 'portico.access.granted.v1': {
      const { data } = event;
      return {
        actorId: data.grantedBy,
        action: 'access.granted',
        ...aboutAccess(data),
        details: JSON.stringify({ customerId: data.customerId, accessLevelId: data.accessLevelId }),
      };
    }
    case 'portico.access.invitation-resent.v1': {
      const { data } = event;
      return {
        actorId: data.resentBy,
        action: 'access.invitation-resent',
        ...aboutAccess(data),
        details: JSON.stringify({ customerId: data.customerId, accessLevelId: data.accessLevelId }),
      };
    }
    case 'portico.access.updated.v1': {
      const { data } = event;
      return {
        actorId: data.updatedBy,
        action: 'access.updated',
        ...aboutAccess(data),
        details: JSON.stringify({ accessLevelId: data.accessLevelId, expiresAt: data.expiresAt }),
      };
    }
    case 'portico.access.revoked.v1': {
      const { data } = event;
      return {
        actorId: data.revokedBy ?? null,
        action: 'access.revoked',
        ...aboutAccess(data),
        details: JSON.stringify({ reason: data.reason }),
      };
    }
    case 'portico.document.retrieved.v1': {
      const { data } = event;
      return {
        actorId: data.userId,
        action: data.how === 'VIEWED' ? 'document.viewed' : 'document.downloaded',
        ...aboutDocument(data),
        ip: data.ip ?? null,
        details: JSON.stringify({ number: data.number, accessId: data.accessId }),
      };
    }
    case 'portico.document.voided.v1': {
      const { data } = event;
      return { actorId: data.voidedBy, action: 'document.voided', ...aboutDocument(data) };
    }
    case 'portico.document.payment-recorded.v1': {
      const { data } = event;
      return {
        actorId: data.recordedBy,
        action: 'document.payment-recorded',
        ...aboutDocument(data),
      };
    }
    case 'portico.document.estimate-answered.v1': {
      const { data } = event;
      const action =
        data.decision === 'ACCEPT' ? 'document.estimate-accepted' : 'document.estimate-declined';
      return { actorId: data.answeredBy, action, ...aboutDocument(data) };
    }
    case 'portico.email.sent.v1': {
      const { data } = event;
      return {
        actorId: null,
        action: 'email.sent',
        targetType: 'EmailMessage',
        targetId: data.emailId,
        customerId: data.customerId ?? null,
        details: JSON.stringify({ kind: data.kind, documentId: data.documentId ?? null }),
      };
    }
    default:
      return null;
  }
}

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
    async handle(event: CurrentEvent) {
      const entry = auditEntryFor(event);
      if (!entry) return;
      await store.audit(eventScope(event), {
        _id: `event:${event.id}`,
        createdAt: new Date(event.time),
        ...entry,
      });
    },
  };
}
