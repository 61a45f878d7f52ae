import { byEventType, type ConsumerDefinition } from '@portico/service-runtime';
import type { CustomerStore } from '../store';

/**
 * Erases a deleted customer from this service once its deletion event is
 * published (customer-changes.ts): its accesses, then the customer itself.
 */
export function erasureConsumer(store: CustomerStore): ConsumerDefinition {
  return {
    name: 'erasure',
    topics: ['customer.events.v1'],
    handle: byEventType({
      'portico.customer.deleted.v1': (tenant, { customerId }) =>
        store.eraseCustomer(tenant, customerId),
    }),
  };
}
