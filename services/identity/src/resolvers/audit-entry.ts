import type { IdentityContext } from '../context';
import type { AuditEntryRecord } from '../model/audit-entry';

export const auditEntryResolvers = {
  id: (entry: AuditEntryRecord) => entry._id,
  at: (entry: AuditEntryRecord) => entry.createdAt.toISOString(),
  actor: (entry: AuditEntryRecord, _: unknown, { store }: IdentityContext) =>
    entry.actorId ? store.findUser(entry.tenantId, entry.actorId) : null,
};
