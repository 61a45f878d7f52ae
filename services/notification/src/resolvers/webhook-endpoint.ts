import type { WebhookEndpointResolvers } from '../generated/resolver-types';

export const webhookEndpointResolvers: WebhookEndpointResolvers = {
  id: (endpoint) => endpoint._id,
  createdAt: (endpoint) => endpoint.createdAt.toISOString(),
  lastDelivery: (endpoint, _, context) => context.webhooks.deliveries.latest(endpoint._id),
  deliveries: (endpoint, args, context) => context.webhooks.deliveries.page(endpoint._id, args),
};
