import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { OneTimeTokens } from '../one-time-tokens';
import type { IdentityStore } from '../store';

/** Erases a deleted customer's contacts from identity (see IdentityStore.eraseContactsOf). */
export function erasureConsumer(store: IdentityStore, tokens: OneTimeTokens): ConsumerDefinition {
  return {
    name: 'erasure',
    topics: ['customer.events.v1'],
    async handle(event: CurrentEvent) {
      if (event.type !== 'portico.customer.deleted.v1') return;
      await store.eraseContactsOf(eventScope(event), event.data, (userIds) =>
        tokens.eraseFor(eventScope(event), userIds),
      );
    },
  };
}
