import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
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
  return {
    name: 'customer-replica',
    topics: ['customer.events.v1'],
    async handle(event: CurrentEvent) {
      const tenant = eventScope(event);
      switch (event.type) {
        case 'portico.customer.created.v1':
        case 'portico.customer.updated.v1': {
          const data = event.data;
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
          return;
        }
        case 'portico.customer.portal-settings-changed.v1': {
          const data = event.data;
          await store.keepPortalSettings(tenant, {
            enabledDocumentTypes: data.enabledDocumentTypes,
            shareNewDocuments: data.shareNewDocuments,
          });
          reads.forgetSettings(tenant.tenantId);
          return;
        }
        case 'portico.customer.deleted.v1': {
          const { customerId } = event.data;
          const documentIds = await store.customerDocumentIds(tenant, customerId);
          await numbers.forget(documentIds);
          await store.eraseCustomer(tenant, customerId, documentIds);
          reads.forgetCustomer(customerId);
          return;
        }
        default:
          return;
      }
    },
  };
}
