import { requireStaff } from '@portico/auth';
import type { NotificationContext } from '../context';
import type {
  WebhookDeliveryRecord,
  WebhookDeliveryStatus,
  WebhookEndpointRecord,
} from '../model/webhook';
import type { EndpointInput, EndpointWithSecret } from '../partners/webhook-endpoints';

/** Webhooks are partner integrations: owners and admins only. */
const admin = (context: NotificationContext) =>
  requireStaff(context.auth, ['OWNER', 'ADMIN']).tenantId;

const withSecret = ({ endpoint, secret }: EndpointWithSecret) => ({ endpoint, secret });

export const webhookQueryResolvers = {
  webhookEndpoints: (_: unknown, __: unknown, context: NotificationContext) =>
    context.webhooks.endpoints.list(admin(context)),
  webhookEndpoint: (_: unknown, { id }: { id: string }, context: NotificationContext) =>
    context.webhooks.endpoints.find(admin(context), id),
};

export const webhookMutationResolvers = {
  registerWebhookEndpoint: async (
    _: unknown,
    { input }: { input: EndpointInput },
    context: NotificationContext,
  ) => {
    const { tenantId, userId } = requireStaff(context.auth, ['OWNER', 'ADMIN']);
    return withSecret(await context.webhooks.endpoints.register(tenantId, userId, input));
  },
  updateWebhookEndpoint: (
    _: unknown,
    { id, input }: { id: string; input: EndpointInput },
    context: NotificationContext,
  ) => context.webhooks.endpoints.update(admin(context), id, input),
  rotateWebhookSecret: async (_: unknown, { id }: { id: string }, context: NotificationContext) =>
    withSecret(await context.webhooks.endpoints.rotateSecret(admin(context), id)),
  deleteWebhookEndpoint: async (
    _: unknown,
    { id }: { id: string },
    context: NotificationContext,
  ) => {
    await context.webhooks.endpoints.remove(admin(context), id);
    await context.webhooks.deliveries.forgetEndpoint(id);
    return true;
  },
  redeliverWebhook: async (
    _: unknown,
    { deliveryId }: { deliveryId: string },
    context: NotificationContext,
  ) => {
    const delivery = await context.webhooks.deliveries.redeliver(admin(context), deliveryId);
    context.webhooks.dispatcher.kick();
    return delivery;
  },
};

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const webhookEndpointResolvers = {
  id: (endpoint: WebhookEndpointRecord) => endpoint._id,
  createdAt: (endpoint: WebhookEndpointRecord) => endpoint.createdAt.toISOString(),
  lastDelivery: (endpoint: WebhookEndpointRecord, _: unknown, context: NotificationContext) =>
    context.webhooks.deliveries.latest(endpoint._id),
  deliveries: (
    endpoint: WebhookEndpointRecord,
    args: { status?: WebhookDeliveryStatus | null; first?: number | null; after?: string | null },
    context: NotificationContext,
  ) => context.webhooks.deliveries.page(endpoint._id, args),
};

export const webhookDeliveryResolvers = {
  id: (delivery: WebhookDeliveryRecord) => delivery._id,
  createdAt: (delivery: WebhookDeliveryRecord) => delivery.createdAt.toISOString(),
  lastAttemptAt: (delivery: WebhookDeliveryRecord) => iso(delivery.lastAttemptAt),
  nextAttemptAt: (delivery: WebhookDeliveryRecord) =>
    delivery.status === 'PENDING' ? iso(delivery.nextAttemptAt) : null,
  deliveredAt: (delivery: WebhookDeliveryRecord) => iso(delivery.deliveredAt),
};
