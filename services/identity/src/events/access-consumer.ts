import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { ContactInvitations } from '../contact-invitations';
import type { IdentityStore } from '../store';
import type { Sessions } from '../tokens/sessions';

/**
 * Follows the customer service's portal accesses: invites contacts, keeps
 * their access expiry, and on revocation disables the contact and ends every
 * session (other processes already refuse its tokens from the same event).
 */
export function accessConsumer(
  store: IdentityStore,
  invitations: ContactInvitations,
  sessions: Sessions,
): ConsumerDefinition {
  return {
    name: 'access',
    topics: ['access.events.v1'],
    async handle(event: CurrentEvent) {
      const tenant = eventScope(event);
      switch (event.type) {
        case 'portico.access.granted.v1':
        case 'portico.access.invitation-resent.v1':
          return invitations.invite(tenant, event.data);
        case 'portico.access.updated.v1': {
          const { accessId, expiresAt } = event.data;
          return store.setAccessExpiry(tenant, accessId, expiresAt ? new Date(expiresAt) : null);
        }
        case 'portico.access.revoked.v1': {
          const user = await store.disableContact(tenant, event.data.accessId);
          if (user) await sessions.revokeOthers(user, '', 'portal access revoked');
          return;
        }
        default:
          return;
      }
    },
  };
}
