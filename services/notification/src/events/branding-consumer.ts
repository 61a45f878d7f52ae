import { byEventType, type ConsumerDefinition } from '@portico/service-runtime';
import type { Brandings } from '../branding';

/** A registered organization's name becomes its branding's name until an admin changes it. */
export function brandingConsumer(brandings: Brandings): ConsumerDefinition {
  return {
    name: 'branding',
    topics: ['identity.events.v1'],
    handle: byEventType({
      'portico.identity.organization-registered.v1': (tenant, { name }) =>
        brandings.registered(tenant, name),
    }),
  };
}
