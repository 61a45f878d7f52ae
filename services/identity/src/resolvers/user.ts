import type { IdentityContext } from '../context';
import type { UserRecord } from '../model/user';

export const userResolvers = {
  /**
   * Entity resolution: staff see users of their tenant; a contact sees
   * themselves and staff (who write comments to them), never other contacts.
   */
  async __resolveReference(reference: { id: string }, { auth, store }: IdentityContext) {
    if (auth.kind === 'ANONYMOUS') return null;
    const user = await store.findUser(auth.tenantId, reference.id);
    if (auth.kind === 'CONTACT' && user?.kind === 'CONTACT' && user._id !== auth.userId)
      return null;
    return user;
  },
  id: (user: UserRecord) => user._id,
  lastLoginAt: (user: UserRecord) => user.lastLoginAt?.toISOString() ?? null,
  portalAccess: (user: UserRecord) => (user.accessId ? { id: user.accessId } : null),
  customer: (user: UserRecord) => (user.customerId ? { id: user.customerId } : null),
  organization: (user: UserRecord, _: unknown, { store }: IdentityContext) =>
    store.findOrganization(user.tenantId),
};

export const organizationResolvers = {
  id: (organization: { _id: string }) => organization._id,
};
