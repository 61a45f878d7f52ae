import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
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
    async handle(event: CurrentEvent) {
      const tenant = eventScope(event);
      switch (event.type) {
        case 'portico.identity.organization-registered.v1': {
          return store.recordStaffMember(tenant, event.data.ownerUserId, 'OWNER');
        }
        case 'portico.identity.staff-invited.v1': {
          return store.recordStaffMember(tenant, event.data.userId, event.data.role);
        }
        case 'portico.identity.contact-activated.v1':
          return accesses.markActivated(tenant, event.data);
        case 'portico.identity.signed-in.v1': {
          const data = event.data;
          if (data.accessId) await accesses.recordSignIn(tenant, data.accessId, new Date(data.at));
          return;
        }
        default:
          return;
      }
    },
  };
}
