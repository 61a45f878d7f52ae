import { requireContact, requireStaff } from '@portico/auth';
import {
  pageQuery,
  sortedPageQuery,
  toConnection,
  toSortedConnection,
  type SortSpec,
} from '@portico/pagination';
import type { CustomerContext } from '../context';
import { customerScope, staffScope } from '../customer-scope';
import type { CustomerType } from '../model/customer';
import { accessStatusFilter, type AccessStatus } from '../model/portal-access';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const NEWEST_INVITATION: SortSpec = { field: 'invitedAt', direction: -1, kind: 'date' };

export const queryResolvers = {
  async customers(
    _: unknown,
    args: {
      filter?: { search?: string | null; type?: CustomerType | null } | null;
      first?: number | null;
      after?: string | null;
    },
    { auth, store }: CustomerContext,
  ) {
    const scope = staffScope(requireStaff(auth));
    const where: Record<string, unknown> = {};
    if (args.filter?.type) where.type = args.filter.type;
    const search = args.filter?.search?.trim();
    if (search) {
      // Escaped user text: a search is never a regular expression of the caller's.
      const pattern = { $regex: escapeRegex(search.slice(0, 100)), $options: 'i' };
      where.$or = [{ displayName: pattern }, { number: pattern }, { email: pattern }];
    }
    const page = pageQuery(args);
    const [rows, total] = await Promise.all([
      store.listCustomers(scope, { $and: [where, page.filter] }, page.sort, page.limit),
      store.countCustomers(scope, where),
    ]);
    return toConnection(rows, page.pageSize, total);
  },

  /** Null for anything the caller may not see: never a hint that it exists. */
  customer(_: unknown, { id }: { id: string }, { auth, store }: CustomerContext) {
    return store.findCustomer(customerScope(auth), id);
  },

  myCustomer(_: unknown, __: unknown, { auth, store }: CustomerContext) {
    const contact = requireContact(auth);
    return store.findCustomer(customerScope(contact), contact.customerId);
  },

  async portalAccesses(
    _: unknown,
    args: { status?: AccessStatus | null; first?: number | null; after?: string | null },
    { auth, store }: CustomerContext,
  ) {
    const staff = requireStaff(auth);
    const where: Record<string, unknown>[] = [];
    // A SPECIALIST sees the accesses of the customers they administer.
    if (staff.role === 'SPECIALIST')
      where.push({ customerId: { $in: await store.customerIds(staffScope(staff)) } });
    if (args.status) where.push(accessStatusFilter(args.status, new Date()));
    const filter = where.length ? { $and: where } : {};
    const page = sortedPageQuery(args, NEWEST_INVITATION);
    const [rows, total] = await Promise.all([
      store.listTenantAccesses(
        staff.tenantId,
        { $and: [filter, page.filter] },
        page.sort,
        page.limit,
      ),
      store.countTenantAccesses(staff.tenantId, filter),
    ]);
    return toSortedConnection(rows, page.pageSize, total, NEWEST_INVITATION);
  },

  accessLevels(_: unknown, __: unknown, { auth, store }: CustomerContext) {
    const { tenantId } = requireStaff(auth);
    return store.accessLevels.find({ tenantId }).sort({ name: 1 }).lean().exec();
  },

  portalSettings(_: unknown, __: unknown, { auth, store }: CustomerContext) {
    return store.findPortalSettings(requireStaff(auth).tenantId);
  },
};
