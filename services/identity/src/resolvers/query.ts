import type { QueryResolvers } from '../generated/resolver-types';
import { principalScope, requireStaff, storedScope } from '@portico/auth';
import { badInput } from '@portico/errors';
import { pageQuery, toConnection } from '@portico/pagination';
import { activePrincipal } from '../context';
import type { AuditQuery } from '../store';

function timeBound(field: string, value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(field, 'Must be an ISO-8601 date or timestamp');
  return date;
}

export const queryResolvers: QueryResolvers = {
  async me(_, __, context) {
    if (context.auth.kind === 'ANONYMOUS') return null;
    const principal = await activePrincipal(context);
    return context.store.findUser(principalScope(principal), principal.userId);
  },

  async invitation(_, args, context) {
    const { state, codeRequired, record } = await context.oneTimeTokens.inspect(
      ['STAFF_INVITATION', 'CONTACT_INVITATION'],
      args.token,
    );
    if (state !== 'VALID' || !record) return { state, codeRequired: false };
    const [user, organization] = await Promise.all([
      context.store.findUser(storedScope(record), record.userId),
      context.store.organizationName(storedScope(record)),
    ]);
    return {
      state,
      codeRequired,
      email: user?.email ?? null,
      organizationName: organization,
    };
  },

  async staffUsers(_, __, context) {
    // The team is a tenant-wide tool: owners and admins only.
    return context.staffDirectory.list(
      requireStaff(await activePrincipal(context), ['OWNER', 'ADMIN']),
    );
  },

  async auditLog(_, args, context) {
    // Tenant-wide: a SPECIALIST would read about customers they do not administer.
    const staff = requireStaff(await activePrincipal(context), ['OWNER', 'ADMIN']);
    const { store } = context;
    const { filter = {} } = args;
    const where: AuditQuery = {};
    if (filter?.actorId) where.actorId = filter.actorId;
    if (filter?.action) where.action = filter.action;
    if (filter?.targetId) where.targetId = filter.targetId;
    if (filter?.from || filter?.to) {
      where.createdAt = {
        ...(filter.from ? { $gte: timeBound('filter.from', filter.from) } : {}),
        ...(filter.to ? { $lte: timeBound('filter.to', filter.to) } : {}),
      };
    }
    const page = pageQuery(args);
    const { rows, total } = await store.auditPage(principalScope(staff), where, page);
    return toConnection(rows, page.pageSize, total);
  },
};
