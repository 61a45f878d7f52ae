import { badInput } from '@portico/errors';
import { requireStaff } from '@portico/auth';
import { pageQuery, toConnection } from '@portico/pagination';
import type { NotificationContext } from '../context';

export const queryResolvers = {
  async emailHistory(
    _: unknown,
    args: {
      customerId?: string | null;
      accessId?: string | null;
      kind?: string | null;
      status?: string | null;
      since?: string | null;
      first?: number | null;
      after?: string | null;
    },
    { auth, store }: NotificationContext,
  ) {
    // Tenant-wide: this service does not know whom a SPECIALIST administers.
    const { tenantId } = requireStaff(auth, ['OWNER', 'ADMIN']);
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
      store.listEmails(tenantId, { $and: [where, page.filter] }, page.sort, page.limit),
      store.countEmails(tenantId, where),
    ]);
    return toConnection(rows, page.pageSize, total);
  },
};
