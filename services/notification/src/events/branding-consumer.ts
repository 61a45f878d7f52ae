import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { Brandings } from '../branding';

/** A registered organization's name becomes its branding's name until an admin changes it. */
export function brandingConsumer(brandings: Brandings): ConsumerDefinition {
  return {
    name: 'branding',
    topics: ['identity.events.v1'],
    async handle(event: CurrentEvent) {
      if (event.type !== 'portico.identity.organization-registered.v1') return;
      const { name } = event.data;
      await brandings.registered(eventScope(event), name);
    },
  };
}
