import { requireContact, requireStaff } from '@portico/auth';
import { pageQuery, toConnection } from '@portico/pagination';
import type { CustomerContext } from '../context';
import type { CustomerType } from '../model/customer';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
    const { tenantId } = requireStaff(auth);
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
      store.listCustomers(tenantId, { $and: [where, page.filter] }, page.sort, page.limit),
      store.countCustomers(tenantId, where),
    ]);
    return toConnection(rows, page.pageSize, total);
  },

  /** Staff: any customer of their tenant. Contact: their own, else null (never a hint). */
  async customer(_: unknown, { id }: { id: string }, { auth, store }: CustomerContext) {
    if (auth.kind === 'ANONYMOUS') return null;
    if (auth.kind === 'CONTACT' && auth.customerId !== id) return null;
    return store.findCustomer(auth.tenantId, id);
  },

  async myCustomer(_: unknown, __: unknown, { auth, store }: CustomerContext) {
    const contact = requireContact(auth);
    return store.findCustomer(contact.tenantId, contact.customerId);
  },

  async accessLevels(_: unknown, __: unknown, { auth, store }: CustomerContext) {
    const { tenantId } = requireStaff(auth);
    return store.accessLevels.find({ tenantId }).sort({ name: 1 }).lean().exec();
  },
};
