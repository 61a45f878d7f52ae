import type { IdentityContext } from '../context';
import type { UserRecord } from '../model/user';

export const userResolvers = {
  /** Entity resolution: only users of the caller's tenant, nothing for anonymous callers. */
  async __resolveReference(reference: { id: string }, { auth, store }: IdentityContext) {
    if (auth.kind === 'ANONYMOUS') return null;
    return store.findUser(auth.tenantId, reference.id);
  },
  id: (user: UserRecord) => user._id,
  lastLoginAt: (user: UserRecord) => user.lastLoginAt?.toISOString() ?? null,
  organization: (user: UserRecord, _: unknown, { store }: IdentityContext) =>
    store.findOrganization(user.tenantId),
};

export const organizationResolvers = {
  id: (organization: { _id: string }) => organization._id,
};
