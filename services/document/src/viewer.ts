import {
  contactScope,
  NOTHING,
  principalScope,
  scopedFilter,
  type AuthContext,
  type ScopedFilter,
  type TenantScope,
} from '@portico/auth';
import type { Permission } from '@portico/events';
import type { DocumentStore } from './store';
import type { ViewerReads } from './viewer-reads';

/** What the caller may see and do with documents, worked out once per request. */
export interface DocumentViewer {
  /** A MongoDB filter every document query of this caller includes. */
  scope: ScopedFilter;
  kind: 'ANONYMOUS' | 'STAFF' | 'CONTACT';
  /** The caller's organization; null when anonymous. */
  tenant: TenantScope | null;
  /** The one customer a contact's reads are pinned to; null for staff. */
  customerId: string | null;
  /** A contact's permissions (from their access); staff may do everything their role allows. */
  may(permission: Permission): boolean;
  /**
   * Whether the caller may act on this customer as a whole (its drafts, its statement): owners
   * and admins on every customer, a SPECIALIST on those they administer, a contact on their own.
   */
  mayReachCustomer(customerId: string): boolean;
}

const nobody: DocumentViewer = {
  scope: NOTHING,
  kind: 'ANONYMOUS',
  tenant: null,
  customerId: null,
  may: () => false,
  mayReachCustomer: () => false,
};

/**
 * Owners and admins see the tenant's documents; a SPECIALIST those of the
 * customers they administer and those they process; a contact only their
 * customer's shared, issued documents of the portal's enabled types, and only
 * while their access grants VIEW_DOCUMENTS.
 */
export async function documentViewer(
  auth: AuthContext,
  store: DocumentStore,
  reads: ViewerReads,
): Promise<DocumentViewer> {
  if (auth.kind === 'ANONYMOUS') return nobody;
  if (auth.kind === 'STAFF') {
    const staff = {
      kind: 'STAFF' as const,
      tenant: principalScope(auth),
      customerId: null,
      may: () => true,
    };
    const tenant = principalScope(auth);
    if (auth.role !== 'SPECIALIST')
      return { ...staff, scope: scopedFilter(tenant), mayReachCustomer: () => true };
    const administered = await store.customersAdministeredBy(tenant, auth.userId);
    return {
      ...staff,
      mayReachCustomer: (customerId) => administered.includes(customerId),
      scope: scopedFilter(tenant, {
        $or: [{ customerId: { $in: administered } }, { processorIds: auth.userId }],
      }),
    };
  }
  // Both at once: from memory mostly; when not, one database round trip, not two.
  const [access, enabledDocumentTypes] = await Promise.all([
    reads.access(principalScope(auth), auth.accessId),
    reads.enabledDocumentTypes(principalScope(auth)),
  ]);
  if (!access || access.revoked || access.customerId !== auth.customerId) return nobody;
  const permissions = new Set(access.permissions);
  const contact = {
    kind: 'CONTACT' as const,
    tenant: principalScope(auth),
    customerId: auth.customerId,
    may: (p: Permission) => permissions.has(p),
    mayReachCustomer: (customerId: string) => customerId === auth.customerId,
  };
  if (!permissions.has('VIEW_DOCUMENTS')) return { ...contact, scope: NOTHING };
  return {
    ...contact,
    // Pinned to the contact's customer by their CustomerScope.
    scope: scopedFilter(contactScope(auth), {
      shared: true,
      status: { $ne: 'DRAFT' },
      type: { $in: enabledDocumentTypes },
    }),
  };
}
