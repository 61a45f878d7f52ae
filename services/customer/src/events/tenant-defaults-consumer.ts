import { byEventType, type ConsumerDefinition } from '@portico/service-runtime';
import type { CustomerStore } from '../store';

/** Seeds a new tenant's access levels. Upserts by fixed ids, so a redelivery changes nothing. */
export function tenantDefaultsConsumer(store: CustomerStore): ConsumerDefinition {
  return {
    name: 'tenant-defaults',
    topics: ['identity.events.v1'],
    handle: byEventType({
      'portico.identity.organization-registered.v1': (tenant) => store.seedAccessLevels(tenant),
    }),
  };
}
