import { isoOrNull } from '@portico/subgraph';
import type { WebhookDeliveryResolvers } from '../generated/resolver-types';

export const webhookDeliveryResolvers: WebhookDeliveryResolvers = {
  id: (delivery) => delivery._id,
  createdAt: (delivery) => delivery.createdAt.toISOString(),
  lastAttemptAt: (delivery) => isoOrNull(delivery.lastAttemptAt),
  nextAttemptAt: (delivery) =>
    delivery.status === 'PENDING' ? isoOrNull(delivery.nextAttemptAt) : null,
  deliveredAt: (delivery) => isoOrNull(delivery.deliveredAt),
};
