import { storedScope } from '@portico/auth';
import type { AuditEntryResolvers } from '../generated/resolver-types';

export const auditEntryResolvers: AuditEntryResolvers = {
  id: (entry) => entry._id,
  at: (entry) => entry.createdAt.toISOString(),
  actor: (entry, _, { store }) =>
    entry.actorId ? store.findUser(storedScope(entry), entry.actorId) : null,
};
