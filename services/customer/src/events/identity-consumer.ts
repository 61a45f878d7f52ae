import { byEventType, type ConsumerDefinition } from '@portico/service-runtime';
import type { PortalAccesses } from '../portal-accesses';
import type { CustomerStore } from '../store';

/**
 * What identity reports: staff users (to check administrators), contacts
 * activating their access, and sign-ins (an access's last sign-in).
 * Each write is an upsert or a set, so a redelivery changes nothing.
 */
export function identityConsumer(
  store: CustomerStore,
  accesses: PortalAccesses,
): ConsumerDefinition {
  return {
    name: 'identity-reports',
    topics: ['identity.events.v1'],
    handle: byEventType({
      'portico.identity.organization-registered.v1': (tenant, data) =>
        store.recordStaffMember(tenant, data.ownerUserId, 'OWNER'),
      'portico.identity.staff-invited.v1': (tenant, data) =>
        store.recordStaffMember(tenant, data.userId, data.role),
      'portico.identity.contact-activated.v1': (tenant, data) =>
        accesses.markActivated(tenant, data),
      'portico.identity.signed-in.v1': async (tenant, { accessId, at }) => {
        if (accessId) await accesses.recordSignIn(tenant, accessId, new Date(at));
      },
    }),
  };
}
