import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { CustomerStore } from '../store';

/** Seeds a new tenant's access levels. Upserts by fixed ids, so a redelivery changes nothing. */
export function tenantDefaultsConsumer(store: CustomerStore): ConsumerDefinition {
  return {
    name: 'tenant-defaults',
    topics: ['identity.events.v1'],
    async handle(event: CurrentEvent) {
      if (event.type !== 'portico.identity.organization-registered.v1') return;
      await store.seedAccessLevels(eventScope(event));
    },
  };
}
