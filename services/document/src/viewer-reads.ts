import type { TenantScope } from '@portico/auth';
import type { CloudEvent, DocumentType } from '@portico/events';
import { RecentReads } from '@portico/read-sharing';
import { accessChangeOf, type AccessReplicaRecord } from './model/access-replica';
import type { CustomerReplicaRecord } from './model/customer-replica';
import type { DocumentStore } from './store';

// Accesses change only through events every process sees; kept until dropped for room.
const ACCESSES_KEPT = 50_000;
// A customer's name or a tenant's portal settings, changed through another replica, show after this.
const COPIES_KEPT_MS = 2_000;
const COPIES_KEPT = 10_000;

/**
 * The reads a contact's request makes before its documents, answered from
 * memory: their access (what they may do), the tenant's enabled document
 * types, the customer's name. Each was a database round trip per request.
 *
 * Accesses follow this process's revocation feed (every access event, in
 * every replica, before a revoking or changing mutation answers), so a
 * change of permissions holds on the next request like a revocation. The
 * customer and settings copies are forgotten by this process's consumers
 * when they write them, and kept at most COPIES_KEPT_MS when another
 * replica's consumer did: these copies follow Kafka events, later anyway.
 */
export class ViewerReads {
  private readonly accesses = new RecentReads<string, AccessReplicaRecord | null>({
    keepMs: Infinity,
    capacity: ACCESSES_KEPT,
  });
  private readonly enabledTypes = new RecentReads<string, DocumentType[]>({
    keepMs: COPIES_KEPT_MS,
    capacity: COPIES_KEPT,
  });
  private readonly customers = new RecentReads<string, CustomerReplicaRecord | null>({
    keepMs: COPIES_KEPT_MS,
    capacity: COPIES_KEPT,
  });

  constructor(private readonly store: DocumentStore) {}

  /** The access, when it belongs to the tenant. */
  async access({ tenantId }: TenantScope, accessId: string): Promise<AccessReplicaRecord | null> {
    // Read and kept by id alone: a request naming another tenant must not make it unknown here.
    const access = await this.accesses.get(accessId, (id) => this.store.accessById(id));
    return access?.tenantId === tenantId ? access : null;
  }

  /** The document types the tenant's portal shows. */
  enabledDocumentTypes(tenant: TenantScope): Promise<DocumentType[]> {
    return this.enabledTypes.get(tenant.tenantId, async () => {
      const settings = await this.store.tenantSettings(tenant);
      return settings.enabledDocumentTypes;
    });
  }

  /** This service's copy of a customer, whichever tenant it belongs to (callers check). */
  customer(customerId: string): Promise<CustomerReplicaRecord | null> {
    return this.customers.get(customerId, (id) => this.store.customerById(id));
  }

  /** An access event from the revocation feed: the access as it is now. */
  followAccess(event: CloudEvent): void {
    const change = accessChangeOf(event);
    if (!change) return;
    const { accessId, ...changed } = change;
    const known = this.accesses.peek(accessId);
    // What the event leaves unsaid stays as known (a revoked access is not changed again).
    this.accesses.set(accessId, {
      _id: accessId,
      tenantId: event.tenantid,
      permissions: known?.permissions ?? [],
      revoked: known?.revoked ?? false,
      ...changed,
    });
  }

  /** This process's consumer changed the customer's copy. */
  forgetCustomer(customerId: string): void {
    this.customers.forget(customerId);
  }

  /** This process's consumer changed the tenant's portal settings. */
  forgetSettings(tenantId: string): void {
    this.enabledTypes.forget(tenantId);
  }
}
