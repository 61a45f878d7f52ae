import { byEventType, type ConsumerDefinition } from '@portico/service-runtime';
import type { DocumentStore } from '../store';

/**
 * Whoever signs in lists documents next: as the sign-in is announced, a
 * contact's customer shelf (about 170 ms for 1,000 documents on FerretDB; see
 * customer-shelves.ts and bench:web) or a staff user's tenant ledger (about
 * 4.2 s for 100,000 documents; see tenant-ledger.ts and bench:documents) is
 * read into memory, so the first list does not wait for it. Warm, either
 * costs one version check. With several replicas it warms the one that reads
 * the event, often not the one the list reaches: a gain, never a guarantee.
 */
export function shelfWarmingConsumer(store: DocumentStore): ConsumerDefinition {
  return {
    name: 'shelf-warming',
    topics: ['identity.events.v1'],
    handle: byEventType({
      'portico.identity.signed-in.v1': async (tenant, { customerId, kind }) => {
        if (customerId) await store.shelves.contents(customerId);
        else if (kind === 'STAFF') await store.ledger.rows(tenant);
      },
    }),
  };
}
