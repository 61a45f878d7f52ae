import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import { accessChangeOf } from '../model/access-replica';
import type { DocumentStore } from '../store';

/** Keeps what each portal access may do (its permissions, whether revoked); upserts by access id. */
export function accessReplicaConsumer(store: DocumentStore): ConsumerDefinition {
  return {
    name: 'access-replica',
    topics: ['access.events.v1'],
    async handle(event: CurrentEvent) {
      const change = accessChangeOf(event);
      if (!change) return;
      await store.applyAccessChange(change, eventScope(event));
    },
  };
}
