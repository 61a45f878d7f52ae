import type { MutationResolvers, QueryResolvers } from '../generated/resolver-types';
import { principalScope, requireStaff } from '@portico/auth';
import type { NotificationContext } from '../context';
import type { EndpointWithSecret } from '../partners/webhook-endpoints';

/** Webhooks are partner integrations: owners and admins only. */
const admin = (context: NotificationContext) =>
  principalScope(requireStaff(context.auth, ['OWNER', 'ADMIN']));

const withSecret = ({ endpoint, secret }: EndpointWithSecret) => ({ endpoint, secret });

export const webhookQueryResolvers: QueryResolvers = {
  webhookEndpoints: (_, __, context) => context.webhooks.endpoints.list(admin(context)),
  webhookEndpoint: (_, { id }, context) => context.webhooks.endpoints.find(admin(context), id),
};

export const webhookMutationResolvers: MutationResolvers = {
  registerWebhookEndpoint: async (_, { input }, context) => {
    const staff = requireStaff(context.auth, ['OWNER', 'ADMIN']);
    const registered = await context.webhooks.endpoints.register(
      principalScope(staff),
      staff.userId,
      input,
    );
    return withSecret(registered);
  },
  updateWebhookEndpoint: (_, { id, input }, context) =>
    context.webhooks.endpoints.update(admin(context), id, input),
  rotateWebhookSecret: async (_, { id }, context) =>
    withSecret(await context.webhooks.endpoints.rotateSecret(admin(context), id)),
  deleteWebhookEndpoint: async (_, { id }, context) => {
    await context.webhooks.endpoints.remove(admin(context), id);
    await context.webhooks.deliveries.forgetEndpoint(id);
    return true;
  },
  redeliverWebhook: async (_, { deliveryId }, context) => {
    const delivery = await context.webhooks.deliveries.redeliver(admin(context), deliveryId);
    context.webhooks.dispatcher.kick();
    return delivery;
  },
};
