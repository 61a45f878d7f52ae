import { principalScope, scopedFilter, storedScope } from '@portico/auth';
import { isoOrNull } from '@portico/subgraph';
import { found } from '@portico/errors';
import type { PortalAccessResolvers } from '../generated/resolver-types';
import { customerScope, staffScope } from '../customer-scope';
import { accessStatus } from '../model/portal-access';

export const portalAccessResolvers: PortalAccessResolvers = {
  /** Staff: accesses of customers they may see. Contact: their own access only. */
  async __resolveReference(reference, { auth, store }) {
    if (auth.kind === 'ANONYMOUS') return null;
    if (auth.kind === 'CONTACT' && auth.accessId !== reference.id) return null;
    const access = await store.findAccess(principalScope(auth), reference.id);
    if (!access) return null;
    const scope = auth.kind === 'STAFF' ? staffScope(auth) : customerScope(auth);
    return (await store.findCustomer(scope, access.customerId)) ? access : null;
  },
  id: (access) => access._id,
  customer: (access, _, { store }) =>
    found(store.findCustomer(scopedFilter(storedScope(access)), access.customerId), 'Customer'),
  accessLevel: (access, _, { store }) =>
    found(store.findAccessLevel(storedScope(access), access.accessLevelId), 'Access level'),
  status: (access) => accessStatus(access),
  expiresAt: (access) => isoOrNull(access.expiresAt),
  invitedAt: (access) => access.invitedAt.toISOString(),
  activatedAt: (access) => isoOrNull(access.activatedAt),
  revokedAt: (access) => isoOrNull(access.revokedAt),
  lastLoginAt: (access) => isoOrNull(access.lastLoginAt),
};
