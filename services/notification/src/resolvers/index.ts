import type { Resolvers } from '../generated/resolver-types';
import { brandingMutationResolvers, brandingQueryResolvers } from './branding';
import { emailMessageMutationResolvers, emailMessageResolvers } from './email-message';
import { preferencesMutationResolvers, preferencesQueryResolvers } from './preferences';
import { queryResolvers } from './query';
import { webhookDeliveryResolvers } from './webhook-delivery';
import { webhookEndpointResolvers } from './webhook-endpoint';
import { webhookMutationResolvers, webhookQueryResolvers } from './webhooks';

/** The notification subgraph's resolvers: one module per GraphQL type, root fields by topic. */
export const resolvers = {
  Query: {
    ...queryResolvers,
    ...preferencesQueryResolvers,
    ...brandingQueryResolvers,
    ...webhookQueryResolvers,
  },
  Mutation: {
    ...preferencesMutationResolvers,
    ...brandingMutationResolvers,
    ...webhookMutationResolvers,
    ...emailMessageMutationResolvers,
  },
  EmailMessage: emailMessageResolvers,
  WebhookEndpoint: webhookEndpointResolvers,
  WebhookDelivery: webhookDeliveryResolvers,
} satisfies Resolvers;
