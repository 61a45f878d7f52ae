import type { Connection } from 'mongoose';
import type { Logger } from '@portico/logger';
import { webhookClaimModel, webhookDeliveryModel, webhookEndpointModel } from '../model/webhook';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookEndpoints } from './webhook-endpoints';

export interface WebhookSettings {
  signingKey: string;
  allowLocal: boolean;
  firstRetryMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

/** The webhook parts of the service, built together because they share the policy. */
export interface Webhooks {
  endpoints: WebhookEndpoints;
  deliveries: WebhookDeliveries;
  dispatcher: WebhookDispatcher;
}

export function createWebhooks(
  connection: Connection,
  settings: WebhookSettings,
  logger: Logger,
): Webhooks {
  const endpoints = new WebhookEndpoints(webhookEndpointModel(connection), settings);
  const deliveries = new WebhookDeliveries(
    webhookDeliveryModel(connection),
    webhookClaimModel(connection),
    settings,
  );
  const dispatcher = new WebhookDispatcher(endpoints, deliveries, logger, {
    pollMs: 1_000,
    timeoutMs: settings.timeoutMs,
    concurrency: 4,
    allowLocal: settings.allowLocal,
  });
  return { endpoints, deliveries, dispatcher };
}
