import type { TenantScope } from '@portico/auth';
import type { Model } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import { notFound } from '@portico/errors';
import { isDuplicateKeyError } from '@portico/mongo';
import { pageQuery, toConnection } from '@portico/pagination';
import type {
  WebhookClaimRecord,
  WebhookDeliveryRecord,
  WebhookDeliveryStatus,
} from '../model/webhook';
import { webhookEventTypeOf, type PartnerEventType } from './partner-events';

/** How long a claimed try may take before another replica may take it over. */
export const CLAIM_LEASE_MS = 60_000;

// Claims older than this are only history: nobody still holds a delivery read that long ago.
const CLAIM_KEPT_MS = 3_600_000;

export interface RetrySchedule {
  /** Wait before the second try; each later wait is three times the one before. */
  firstRetryMs: number;
  /** Tries before a delivery is FAILED for good. */
  maxAttempts: number;
}

/** The wait after `attempts` failed tries: 1, 3, 9, 27 … times the first, at most six hours. */
export function retryDelayMs(schedule: RetrySchedule, attempts: number): number {
  return Math.min(schedule.firstRetryMs * 3 ** (attempts - 1), 6 * 3_600_000);
}

export interface TryResult {
  ok: boolean;
  responseStatus: number | null;
  error: string | null;
}

/** The queue of deliveries: one per event and endpoint, with its tries and their outcome. */
export class WebhookDeliveries {
  constructor(
    private readonly deliveries: Model<WebhookDeliveryRecord>,
    private readonly claims: Model<WebhookClaimRecord>,
    private readonly schedule: RetrySchedule,
  ) {}

  /** Queues an event for an endpoint; a second call for the same pair changes nothing. */
  async enqueue(endpoint: { _id: string; tenantId: string }, event: CloudEvent): Promise<void> {
    try {
      await this.deliveries.create({
        _id: `${endpoint._id}:${event.id}`,
        tenantId: endpoint.tenantId,
        endpointId: endpoint._id,
        eventId: event.id,
        eventType: webhookEventTypeOf(event.type as PartnerEventType),
        body: JSON.stringify(event),
        status: 'PENDING',
        nextAttemptAt: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Due deliveries, oldest due first. */
  due(limit: number, now = new Date()): Promise<WebhookDeliveryRecord[]> {
    return this.deliveries
      .find({ status: 'PENDING', nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .lean()
      .exec();
  }

  /**
   * Takes a due delivery for one try. Of the replicas that read it in the
   * same state, one inserts the claim `<id>@<due time>`; the others get a
   * duplicate key and leave it. The claimed delivery is then due only when
   * the lease ends, so if this process dies mid-try, another takes it over
   * (under a new due time, so a new claim).
   */
  async claim(delivery: WebhookDeliveryRecord, now = new Date()): Promise<boolean> {
    try {
      await this.claims.create({
        _id: `${delivery._id}@${delivery.nextAttemptAt!.getTime()}`,
        at: now,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    await this.deliveries.updateOne(
      { _id: delivery._id },
      { $set: { nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) } },
    );
    return true;
  }

  /** Forgets claims made long ago. */
  async forgetOldClaims(now = new Date()): Promise<void> {
    await this.claims.deleteMany({ at: { $lt: new Date(now.getTime() - CLAIM_KEPT_MS) } });
  }

  /** Records a try: delivered, due again after the backoff, or FAILED after the last one. */
  async record(delivery: WebhookDeliveryRecord, result: TryResult, now = new Date()) {
    const attempts = delivery.attempts + 1;
    const outcome = { attempts, lastAttemptAt: now, responseStatus: result.responseStatus };
    const next: Partial<WebhookDeliveryRecord> = result.ok
      ? { ...outcome, status: 'SUCCEEDED', error: null, deliveredAt: now, nextAttemptAt: null }
      : attempts >= this.schedule.maxAttempts
        ? { ...outcome, status: 'FAILED', error: result.error, nextAttemptAt: null }
        : {
            ...outcome,
            status: 'PENDING',
            error: result.error,
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(this.schedule, attempts)),
          };
    await this.deliveries.updateOne({ _id: delivery._id }, { $set: next });
  }

  /** Not tried now, due again at `until`. */
  async postpone(id: string, until: Date): Promise<void> {
    await this.deliveries.updateOne({ _id: id }, { $set: { nextAttemptAt: until } });
  }

  /** Staff asked for another try now: a fresh round of tries. */
  async redeliver(tenant: TenantScope, id: string): Promise<WebhookDeliveryRecord> {
    const delivery = await this.get(tenant, id);
    await this.deliveries.updateOne(
      { _id: id },
      { $set: { status: 'PENDING', attempts: 0, nextAttemptAt: new Date() } },
    );
    return { ...delivery, status: 'PENDING', attempts: 0, nextAttemptAt: new Date() };
  }

  async get({ tenantId }: TenantScope, id: string): Promise<WebhookDeliveryRecord> {
    const delivery = await this.deliveries.findOne({ _id: id }).lean().exec();
    if (!delivery || delivery.tenantId !== tenantId) throw notFound('Webhook delivery');
    return delivery;
  }

  async page(
    endpointId: string,
    args: { status?: WebhookDeliveryStatus | null; first?: number | null; after?: string | null },
  ) {
    const where = { endpointId, ...(args.status ? { status: args.status } : {}) };
    const page = pageQuery(args);
    const [rows, total] = await Promise.all([
      this.deliveries
        .find({ $and: [where, page.filter] }, { body: 0 })
        .sort(page.sort)
        .limit(page.limit)
        .lean()
        .exec(),
      this.deliveries.countDocuments(where),
    ]);
    return toConnection(rows, page.pageSize, total);
  }

  latest(endpointId: string): Promise<WebhookDeliveryRecord | null> {
    return this.deliveries
      .findOne({ endpointId }, { body: 0 })
      .sort({ createdAt: -1, _id: -1 })
      .lean()
      .exec();
  }

  async forgetEndpoint(endpointId: string): Promise<void> {
    await this.deliveries.deleteMany({ endpointId });
  }
}
