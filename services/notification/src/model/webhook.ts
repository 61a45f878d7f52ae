import { Schema, type Connection } from 'mongoose';
import type { WebhookEventType } from '../partners/partner-events';

/** A partner's endpoint; its signing secret is derived, never stored (see webhook-signature). */
export interface WebhookEndpointRecord {
  _id: string;
  tenantId: string;
  url: string;
  eventTypes: WebhookEventType[];
  enabled: boolean;
  description: string | null;
  /** Bumped by rotation: the secret is derived from the id and this. */
  secretVersion: number;
  createdBy: string;
  createdAt: Date;
}

export type WebhookDeliveryStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

/** One event for one endpoint; its id is `<endpoint>:<event>`, so an event is queued once. */
export interface WebhookDeliveryRecord {
  _id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: WebhookEventType;
  /** The CloudEvents JSON exactly as it is POSTed on every try (its signature covers it). */
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** When the next try is due; while a try runs, when its lease ends. */
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  responseStatus: number | null;
  error: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/**
 * One try taken by one process: its id is `<delivery>@<due time it was read
 * with>`, so of the replicas that read a delivery in the same state, exactly
 * one inserts it. An insert under a unique `_id` is the one write FerretDB
 * 1.24 keeps atomic under concurrency; a conditional update is not.
 */
export interface WebhookClaimRecord {
  _id: string;
  at: Date;
}

const nullableString = { type: String, default: null };

const endpointSchema = new Schema<WebhookEndpointRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    url: { type: String, required: true },
    eventTypes: { type: [String], required: true },
    enabled: { type: Boolean, default: true },
    description: nullableString,
    secretVersion: { type: Number, default: 1 },
    createdBy: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// serves: a tenant's endpoints, and the feed finding the ones an event goes to
endpointSchema.index({ tenantId: 1, createdAt: 1 });

const deliverySchema = new Schema<WebhookDeliveryRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    endpointId: { type: String, required: true },
    eventId: { type: String, required: true },
    eventType: { type: String, required: true },
    body: { type: String, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, default: null },
    lastAttemptAt: { type: Date, default: null },
    responseStatus: { type: Number, default: null },
    error: nullableString,
    deliveredAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// serves: the dispatcher's due deliveries
deliverySchema.index({ status: 1, nextAttemptAt: 1 });
// serves: an endpoint's deliveries newest first
deliverySchema.index({ endpointId: 1, createdAt: -1, _id: -1 });

const claimSchema = new Schema<WebhookClaimRecord>(
  { _id: String, at: { type: Date, required: true } },
  { versionKey: false },
);

export const webhookEndpointModel = (connection: Connection) =>
  connection.model<WebhookEndpointRecord>('WebhookEndpoint', endpointSchema, 'webhook_endpoints');

export const webhookDeliveryModel = (connection: Connection) =>
  connection.model<WebhookDeliveryRecord>('WebhookDelivery', deliverySchema, 'webhook_deliveries');

export const webhookClaimModel = (connection: Connection) =>
  connection.model<WebhookClaimRecord>('WebhookClaim', claimSchema, 'webhook_claims');
