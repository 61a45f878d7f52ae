import type { CustomerContext } from '../context';
import { customerScope, staffScope } from '../customer-scope';
import type { CustomerRecord } from '../model/customer';
import { accessStatus, type PortalAccessRecord } from '../model/portal-access';

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

export const customerResolvers = {
  /**
   * Entity resolution obeys the same rules as customer(id). A page of 20
   * documents of one customer asks for it 20 times: read once per request.
   */
  __resolveReference(reference: { id: string }, { visibleCustomer }: CustomerContext) {
    return visibleCustomer(reference.id);
  },
  id: (customer: CustomerRecord) => customer._id,
  createdAt: (customer: CustomerRecord) => customer.createdAt.toISOString(),
  updatedAt: (customer: CustomerRecord) => iso(customer.updatedAt),
  /** Staff only: a contact does not see the other contacts of their customer. */
  accesses(customer: CustomerRecord, _: unknown, { auth, store }: CustomerContext) {
    if (auth.kind !== 'STAFF') return [];
    return store.listAccesses(auth.tenantId, customer._id);
  },
  administrators(customer: CustomerRecord, _: unknown, { auth }: CustomerContext) {
    if (auth.kind !== 'STAFF') return [];
    return customer.administratorIds.map((id) => ({ __typename: 'User', id }));
  },
};

export const portalAccessResolvers = {
  /** Staff: accesses of customers they may see. Contact: their own access only. */
  async __resolveReference(reference: { id: string }, { auth, store }: CustomerContext) {
    if (auth.kind === 'ANONYMOUS') return null;
    if (auth.kind === 'CONTACT' && auth.accessId !== reference.id) return null;
    const access = await store.findAccess(auth.tenantId, reference.id);
    if (!access) return null;
    const scope = auth.kind === 'STAFF' ? staffScope(auth) : customerScope(auth);
    return (await store.findCustomer(scope, access.customerId)) ? access : null;
  },
  id: (access: PortalAccessRecord) => access._id,
  async customer(access: PortalAccessRecord, _: unknown, { store }: CustomerContext) {
    return store.findCustomer({ tenantId: access.tenantId }, access.customerId);
  },
  accessLevel: (access: PortalAccessRecord, _: unknown, { store }: CustomerContext) =>
    store.findAccessLevel(access.tenantId, access.accessLevelId),
  status: (access: PortalAccessRecord) => accessStatus(access),
  expiresAt: (access: PortalAccessRecord) => iso(access.expiresAt),
  invitedAt: (access: PortalAccessRecord) => access.invitedAt.toISOString(),
  activatedAt: (access: PortalAccessRecord) => iso(access.activatedAt),
  revokedAt: (access: PortalAccessRecord) => iso(access.revokedAt),
  lastLoginAt: (access: PortalAccessRecord) => iso(access.lastLoginAt),
};

export const accessLevelResolvers = {
  id: (level: { _id: string }) => level._id,
};

export const portalSettingsResolvers = {
  defaultAccessLevel: (
    settings: { _id: string; defaultAccessLevelId: string },
    _: unknown,
    { store }: CustomerContext,
  ) => store.findAccessLevel(settings._id, settings.defaultAccessLevelId),
};
