import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { CustomerStore } from '../store';

/**
 * Erases a deleted customer from this service once its deletion event is
 * published (customer-changes.ts): its accesses, then the customer itself.
 */
export function erasureConsumer(store: CustomerStore): ConsumerDefinition {
  return {
    name: 'erasure',
    topics: ['customer.events.v1'],
    async handle(event: CurrentEvent) {
      if (event.type !== 'portico.customer.deleted.v1') return;
      const { customerId } = event.data;
      await store.eraseCustomer(eventScope(event), customerId);
    },
  };
}
