import type { TenantScope } from '@portico/auth';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { badInput, notFound } from '@portico/errors';
import { optionalText } from '@portico/validation';
import type { WebhookEndpointRecord } from '../model/webhook';
import { isInternalHost } from './address-policy';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './partner-events';
import { endpointSecret } from './webhook-signature';

/** Enough for a partner's systems; a bound so one tenant cannot fan every event out without end. */
export const MAX_ENDPOINTS_PER_TENANT = 10;

export interface WebhookPolicy {
  /** Platform key the endpoints' secrets are derived from. */
  signingKey: string;
  /** Development and tests: plain http and internal addresses (a receiver on localhost). */
  allowLocal: boolean;
}

export interface EndpointInput {
  url?: string | null;
  eventTypes?: WebhookEventType[] | null;
  enabled?: boolean | null;
  description?: string | null;
}

export interface EndpointWithSecret {
  endpoint: WebhookEndpointRecord;
  secret: string;
}

/** A tenant's webhook endpoints: registration, changes, secret rotation, removal. */
export class WebhookEndpoints {
  constructor(
    private readonly endpoints: Model<WebhookEndpointRecord>,
    private readonly policy: WebhookPolicy,
  ) {}

  list({ tenantId }: TenantScope): Promise<WebhookEndpointRecord[]> {
    return this.endpoints.find({ tenantId }).sort({ createdAt: 1, _id: 1 }).lean().exec();
  }

  /** The enabled endpoints of a tenant that want this event type. */
  async subscribedTo(
    tenant: TenantScope,
    type: WebhookEventType,
  ): Promise<WebhookEndpointRecord[]> {
    const endpoints = await this.list(tenant);
    return endpoints.filter((endpoint) => endpoint.enabled && endpoint.eventTypes.includes(type));
  }

  /** Read by `_id` alone (FerretDB's fast path), then checked against the caller's tenant. */
  async find({ tenantId }: TenantScope, id: string): Promise<WebhookEndpointRecord | null> {
    const endpoint = await this.endpoints.findOne({ _id: id }).lean().exec();
    return endpoint?.tenantId === tenantId ? endpoint : null;
  }

  /** Like find, but NOT_FOUND when there is none. */
  async get(tenant: TenantScope, id: string): Promise<WebhookEndpointRecord> {
    const endpoint = await this.find(tenant, id);
    if (!endpoint) throw notFound('Webhook endpoint');
    return endpoint;
  }

  secretOf(endpoint: Pick<WebhookEndpointRecord, '_id' | 'secretVersion'>): string {
    return endpointSecret(this.policy.signingKey, endpoint._id, endpoint.secretVersion);
  }

  async register(
    { tenantId }: TenantScope,
    createdBy: string,
    input: EndpointInput,
  ): Promise<EndpointWithSecret> {
    const url = this.checkUrl('input.url', input.url);
    const eventTypes = checkEventTypes('input.eventTypes', input.eventTypes);
    const description = optionalText('input.description', input.description, 500);
    if ((await this.endpoints.countDocuments({ tenantId })) >= MAX_ENDPOINTS_PER_TENANT)
      throw badInput('input.url', `A tenant has at most ${MAX_ENDPOINTS_PER_TENANT} endpoints`);
    const created = await this.endpoints.create({
      _id: randomUUID(),
      tenantId,
      url,
      eventTypes,
      enabled: true,
      description,
      secretVersion: 1,
      createdBy,
    });
    const endpoint = created.toObject();
    return { endpoint, secret: this.secretOf(endpoint) };
  }

  async update(
    tenant: TenantScope,
    id: string,
    input: EndpointInput,
  ): Promise<WebhookEndpointRecord> {
    const changes: Partial<WebhookEndpointRecord> = {};
    if (input.url != null) changes.url = this.checkUrl('input.url', input.url);
    if (input.eventTypes != null)
      changes.eventTypes = checkEventTypes('input.eventTypes', input.eventTypes);
    if (input.enabled != null) changes.enabled = input.enabled;
    if (input.description !== undefined)
      changes.description = optionalText('input.description', input.description, 500);
    await this.get(tenant, id);
    return (await this.endpoints
      .findOneAndUpdate({ _id: id }, { $set: changes }, { new: true })
      .lean()
      .exec())!;
  }

  async rotateSecret(tenant: TenantScope, id: string): Promise<EndpointWithSecret> {
    await this.get(tenant, id);
    const endpoint = (await this.endpoints
      .findOneAndUpdate({ _id: id }, { $inc: { secretVersion: 1 } }, { new: true })
      .lean()
      .exec())!;
    return { endpoint, secret: this.secretOf(endpoint) };
  }

  async remove(tenant: TenantScope, id: string): Promise<void> {
    await this.get(tenant, id);
    await this.endpoints.deleteOne({ _id: id });
  }

  /** HTTPS to a public host, no credentials in the URL. */
  private checkUrl(field: string, value: string | null | undefined): string {
    let url: URL;
    try {
      url = new URL((value ?? '').trim());
    } catch {
      throw badInput(field, 'Not a valid URL');
    }
    const allowed = this.policy.allowLocal ? ['https:', 'http:'] : ['https:'];
    if (!allowed.includes(url.protocol)) throw badInput(field, 'Must be an https:// URL');
    if (url.username || url.password)
      throw badInput(field, 'Must not carry credentials; verify the signature instead');
    if (url.href.length > 2_000) throw badInput(field, 'Must have at most 2000 characters');
    if (!this.policy.allowLocal && isInternalHost(url.hostname))
      throw badInput(field, 'Must be a public address');
    return url.href;
  }
}

function checkEventTypes(
  field: string,
  value: WebhookEventType[] | null | undefined,
): WebhookEventType[] {
  const types = [...new Set(value ?? [])];
  if (types.length === 0) throw badInput(field, 'Choose at least one event type');
  const unknown = types.find((type) => !Object.hasOwn(WEBHOOK_EVENT_TYPES, type));
  if (unknown) throw badInput(field, `Unknown event type ${unknown}`);
  return types;
}
