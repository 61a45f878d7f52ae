import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { DocumentStore } from '../store';

/** Knows the tenant's staff users (owners at registration, invited staff), to check processors. */
export function staffConsumer(store: DocumentStore): ConsumerDefinition {
  return {
    name: 'staff',
    topics: ['identity.events.v1'],
    async handle(event: CurrentEvent) {
      const userId =
        event.type === 'portico.identity.organization-registered.v1'
          ? event.data.ownerUserId
          : event.type === 'portico.identity.staff-invited.v1'
            ? event.data.userId
            : null;
      if (!userId) return;
      await store.recordStaffMember(eventScope(event), userId);
    },
  };
}
