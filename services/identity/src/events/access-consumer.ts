import { byEventType, type ConsumerDefinition } from '@portico/service-runtime';
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
    handle: byEventType({
      'portico.access.granted.v1': (tenant, data) => invitations.invite(tenant, data),
      'portico.access.invitation-resent.v1': (tenant, data) => invitations.invite(tenant, data),
      'portico.access.updated.v1': (tenant, { accessId, expiresAt }) =>
        store.setAccessExpiry(tenant, accessId, expiresAt ? new Date(expiresAt) : null),
      'portico.access.revoked.v1': async (tenant, { accessId }) => {
        const user = await store.disableContact(tenant, accessId);
        if (user) await sessions.revokeOthers(user, '', 'portal access revoked');
      },
    }),
  };
}
