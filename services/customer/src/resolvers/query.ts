import type { QueryResolvers } from '../generated/resolver-types';
import { principalScope, requireContact, requireStaff } from '@portico/auth';
import { sortedPageQuery, toSortedConnection, type SortSpec } from '@portico/pagination';
import { customerScope, staffScope } from '../customer-scope';
import { accessStatusFilter } from '../model/portal-access';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const CUSTOMER_SORT_FIELDS = {
  NAME: { field: 'displayName', kind: 'string' },
  NUMBER: { field: 'number', kind: 'string' },
  CREATED_AT: { field: 'createdAt', kind: 'date' },
} as const;
const NEWEST_CUSTOMER: SortSpec = { field: 'createdAt', direction: -1, kind: 'date' };
const NEWEST_INVITATION: SortSpec = { field: 'invitedAt', direction: -1, kind: 'date' };

export const queryResolvers: QueryResolvers = {
  async customers(_, args, { auth, store }) {
    const scope = staffScope(requireStaff(auth));
    const where: Record<string, unknown> = {};
    if (args.filter?.type) where.type = args.filter.type;
    const search = args.filter?.search?.trim();
    if (search) {
      // Escaped user text: a search is never a regular expression of the caller's.
      const pattern = { $regex: escapeRegex(search.slice(0, 100)), $options: 'i' };
      where.$or = [{ displayName: pattern }, { number: pattern }, { email: pattern }];
    }
    const spec: SortSpec = args.sort
      ? {
          ...CUSTOMER_SORT_FIELDS[args.sort.field],
          direction: args.sort.direction === 'ASC' ? 1 : -1,
        }
      : NEWEST_CUSTOMER;
    const page = sortedPageQuery(args, spec);
    const [rows, total] = await Promise.all([
      store.listCustomers(scope, { $and: [where, page.filter] }, page.sort, page.limit),
      store.countCustomers(scope, where),
    ]);
    return toSortedConnection(rows, page.pageSize, total, spec);
  },

  /** Null for anything the caller may not see: never a hint that it exists. */
  customer(_, { id }, { auth, store }) {
    return store.findCustomer(customerScope(auth), id);
  },

  myCustomer(_, __, { auth, store }) {
    const contact = requireContact(auth);
    return store.findCustomer(customerScope(contact), contact.customerId);
  },

  async portalAccesses(_, args, { auth, store }) {
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
        principalScope(staff),
        { $and: [filter, page.filter] },
        page.sort,
        page.limit,
      ),
      store.countTenantAccesses(principalScope(staff), filter),
    ]);
    return toSortedConnection(rows, page.pageSize, total, NEWEST_INVITATION);
  },

  accessLevels(_, __, { auth, store }) {
    return store.listAccessLevels(principalScope(requireStaff(auth)));
  },

  portalSettings(_, __, { auth, store }) {
    return store.findPortalSettings(principalScope(requireStaff(auth)));
  },
};
