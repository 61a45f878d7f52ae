import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { Delivery } from '@portico/kafka';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { CustomerEmailHold } from '../sending/customer-email-hold';

/**
 * A new organization starts with its customer emails held; once its owner confirms their
 * address, what was held is handled (`release`: the same handlers that would have sent it).
 */
export function customerEmailHoldConsumer(
  hold: CustomerEmailHold,
  release: (delivery: Delivery) => (event: CurrentEvent) => Promise<void>,
): ConsumerDefinition {
  return {
    name: 'customer-email-hold',
    topics: ['identity.events.v1'],
    async handle(event: CurrentEvent, delivery: Delivery) {
      if (event.type === 'portico.identity.organization-registered.v1')
        await hold.registered(eventScope(event));
      else if (event.type === 'portico.identity.organization-verified.v1')
        await hold.verified(eventScope(event), release(delivery));
    },
  };
}
