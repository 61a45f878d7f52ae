import type { TenantScope } from '@portico/auth';
import type { CurrentData } from '@portico/events';
import { byEventType, type ConsumerDefinition } from '@portico/service-runtime';
import type { NotificationStore } from '../store';

/**
 * Keeps who can be told about new documents: accesses (granted, changed,
 * revoked) and their activation. Activation comes on another topic and may
 * arrive first, so every write is an upsert that leaves the others' fields
 * alone; preferences start as defaults and are the contact's to change.
 */
export function recipientsConsumer(store: NotificationStore): ConsumerDefinition {
  const upsert = ({ tenantId }: TenantScope, accessId: string, set: object) =>
    store.setRecipient(accessId, { tenantId, ...set });
  const expiry = (expiresAt: string | null | undefined) => (expiresAt ? new Date(expiresAt) : null);
  const invited = (
    tenant: TenantScope,
    data: CurrentData<'portico.access.granted.v1' | 'portico.access.invitation-resent.v1'>,
  ) =>
    upsert(tenant, data.accessId, {
      customerId: data.customerId,
      email: data.email,
      firstName: data.firstName ?? null,
      permissions: data.permissions,
      expiresAt: expiry(data.expiresAt),
    });
  return {
    name: 'recipients',
    topics: ['access.events.v1', 'identity.events.v1'],
    handle: byEventType({
      'portico.access.granted.v1': invited,
      'portico.access.invitation-resent.v1': invited,
      'portico.access.updated.v1': (tenant, data) =>
        upsert(tenant, data.accessId, {
          customerId: data.customerId,
          permissions: data.permissions,
          expiresAt: expiry(data.expiresAt),
        }),
      'portico.access.revoked.v1': (tenant, data) =>
        upsert(tenant, data.accessId, { customerId: data.customerId, revoked: true }),
      'portico.identity.contact-activated.v1': (tenant, data) =>
        upsert(tenant, data.accessId, { customerId: data.customerId, active: true }),
    }),
  };
}
