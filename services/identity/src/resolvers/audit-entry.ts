import type { AuditEntryResolvers } from '../generated/resolver-types';

export const auditEntryResolvers: AuditEntryResolvers = {
  id: (entry) => entry._id,
  at: (entry) => entry.createdAt.toISOString(),
  actor: (entry, _, { store }) =>
    entry.actorId ? store.findUser(entry.tenantId, entry.actorId) : null,
};
