import type { TenantScope } from '@portico/auth';
import type { CurrentData } from '@portico/events';
import { byEventType, type ConsumerDefinition } from '@portico/service-runtime';
import type { DocumentNumbers } from '../numbering';
import type { DocumentStore } from '../store';
import type { ViewerReads } from '../viewer-reads';

/**
 * Keeps the customer read model current (upserts by customer id are
 * idempotent), follows the tenant's portal settings, and erases a deleted
 * customer's documents, comments and accesses. Events of one customer share
 * a partition, so a deletion comes after its updates.
 */
export function customerReplicaConsumer(
  store: DocumentStore,
  numbers: DocumentNumbers,
  reads: ViewerReads,
): ConsumerDefinition {
  const keepCustomer = async (
    tenant: TenantScope,
    data: CurrentData<'portico.customer.created.v1' | 'portico.customer.updated.v1'>,
  ) => {
    await store.keepCustomer(tenant, {
      _id: data.customerId,
      number: data.number,
      displayName: data.displayName,
      email: data.email ?? null,
      address: data.address ?? null,
      taxId: data.taxId ?? null,
      vatId: data.vatId ?? null,
      administratorIds: data.administratorIds,
    });
    reads.forgetCustomer(data.customerId);
  };
  return {
    name: 'customer-replica',
    topics: ['customer.events.v1'],
    handle: byEventType({
      'portico.customer.created.v1': keepCustomer,
      'portico.customer.updated.v1': keepCustomer,
      'portico.customer.portal-settings-changed.v1': async (tenant, data) => {
        await store.keepPortalSettings(tenant, {
          enabledDocumentTypes: data.enabledDocumentTypes,
          shareNewDocuments: data.shareNewDocuments,
        });
        reads.forgetSettings(tenant.tenantId);
      },
      'portico.customer.deleted.v1': async (tenant, { customerId }) => {
        const documentIds = await store.customerDocumentIds(tenant, customerId);
        await numbers.forget(documentIds);
        await store.eraseCustomer(tenant, customerId, documentIds);
        reads.forgetCustomer(customerId);
      },
    }),
  };
}
