import type { CloudEvent, EventData } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { DocumentStore } from '../store';

/**
 * A contact who signs in lists their documents next: their customer's shelf
 * is read into memory as the sign-in is announced, so the first list does
 * not wait for it (about 170 ms for 1,000 documents on FerretDB; see
 * customer-shelves.ts and bench:web). A warm shelf costs one version check.
 * With several replicas it warms the one that reads the event, often not the
 * one the list reaches: a gain, never a guarantee.
 */
export function shelfWarmingConsumer(store: DocumentStore): ConsumerDefinition {
  return {
    name: 'shelf-warming',
    topics: ['identity.events.v1'],
    async handle(event: CloudEvent) {
      if (event.type !== 'portico.identity.signed-in.v1') return;
      const { customerId } = event.data as EventData<typeof event.type>;
      if (customerId) await store.shelves.contents(customerId);
    },
  };
}
