import { byEventType, type ConsumerDefinition } from '@portico/service-runtime';
import type { OneTimeTokens } from '../one-time-tokens';
import type { IdentityStore } from '../store';

/** Erases a deleted customer's contacts from identity (see IdentityStore.eraseContactsOf). */
export function erasureConsumer(store: IdentityStore, tokens: OneTimeTokens): ConsumerDefinition {
  return {
    name: 'erasure',
    topics: ['customer.events.v1'],
    handle: byEventType({
      'portico.customer.deleted.v1': (tenant, data) =>
        store.eraseContactsOf(tenant, data, (userIds) => tokens.eraseFor(tenant, userIds)),
    }),
  };
}
