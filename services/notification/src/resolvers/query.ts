import type { QueryResolvers } from '../generated/resolver-types';
import { badInput } from '@portico/errors';
import { principalScope, requireStaff } from '@portico/auth';
import { pageQuery, toConnection } from '@portico/pagination';

export const queryResolvers: QueryResolvers = {
  async emailHistory(_, args, { auth, store }) {
    // Tenant-wide: this service does not know whom a SPECIALIST administers.
    const tenant = principalScope(requireStaff(auth, ['OWNER', 'ADMIN']));
    const where: Record<string, unknown> = {};
    if (args.customerId) where.customerId = args.customerId;
    if (args.accessId) where.accessId = args.accessId;
    if (args.kind) where.kind = args.kind;
    if (args.status) where.status = args.status;
    if (args.since) {
      const since = new Date(args.since);
      if (Number.isNaN(since.getTime()))
        throw badInput('since', 'Must be a timestamp such as 2026-12-31T23:59:00Z');
      where.createdAt = { $gte: since };
    }
    const page = pageQuery(args);
    const [rows, total] = await Promise.all([
      store.listEmails(tenant, { $and: [where, page.filter] }, page.sort, page.limit),
      store.countEmails(tenant, where),
    ]);
    return toConnection(rows, page.pageSize, total);
  },
};
