import type { TenantScope } from '@portico/auth';
import { upcast, type CloudEvent, type CurrentEvent } from '@portico/events';
import { isDuplicateKeyError } from '@portico/mongo';
import { Schema, type Connection } from 'mongoose';

/** Whether a tenant may email its customers yet (one per tenant registered since verification). */
interface SenderStatusRecord {
  _id: string; // tenant id
  verified: boolean;
}

/** A customer email's event, kept until its tenant may send (the secrets in it stay sealed). */
interface HeldEventRecord {
  _id: string; // event id
  tenantId: string;
  heldAt: Date;
  event: CloudEvent;
}

const senderStatusSchema = new Schema<SenderStatusRecord>(
  { _id: String, verified: { type: Boolean, required: true } },
  { versionKey: false },
);
const heldEventSchema = new Schema<HeldEventRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    heldAt: { type: Date, required: true },
    event: { type: Object, required: true },
  },
  { versionKey: false },
);
// serves: releasing a tenant's held events in the order they came, and erasing them
heldEventSchema.index({ tenantId: 1, heldAt: 1 });

/**
 * Customer emails of an organization whose owner has not confirmed their address yet are held,
 * not sent, and not lost: their events are kept and handled in order once the owner confirms.
 * Tenants registered before verification existed have no status and send as before.
 */
export class CustomerEmailHold {
  private readonly statuses;
  private readonly held;
  /** Tenants seen verified: that never goes back, so their issued documents cost no read. */
  private readonly verifiedTenants = new Set<string>();

  constructor(
    connection: Connection,
    /** Off where no owner verifies (local runs and most tests): nothing is held. */
    private readonly enabled: boolean,
  ) {
    this.statuses = connection.model<SenderStatusRecord>(
      'SenderStatus',
      senderStatusSchema,
      'sender_statuses',
    );
    this.held = connection.model<HeldEventRecord>('HeldEvent', heldEventSchema, 'held_events');
  }

  async registered({ tenantId }: TenantScope): Promise<void> {
    await this.statuses.updateOne(
      { _id: tenantId },
      { $setOnInsert: { verified: false } },
      { upsert: true },
    );
  }

  /** Handles `event` now, or keeps it until its tenant may email customers. */
  async handleOrHold(event: CurrentEvent, handle: (event: CurrentEvent) => Promise<void>) {
    if (await this.maySend(event.tenantid)) return handle(event);
    try {
      await this.held.create({
        _id: event.id,
        tenantId: event.tenantid,
        heldAt: new Date(),
        event,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // a redelivery: held already
    }
    // Confirmed meanwhile (the release may have listed before this insert): release it here.
    if (await this.maySend(event.tenantid)) await this.release(event.tenantid, handle);
  }

  /** The owner confirmed: from now on the tenant sends, and what was held goes out in order. */
  async verified(
    { tenantId }: TenantScope,
    handle: (event: CurrentEvent) => Promise<void>,
  ): Promise<void> {
    await this.statuses.updateOne(
      { _id: tenantId },
      { $set: { verified: true } },
      { upsert: true },
    );
    await this.release(tenantId, handle);
  }

  /** A deleted customer's held emails go with it. */
  async eraseCustomer({ tenantId }: TenantScope, customerId: string): Promise<void> {
    await this.held.deleteMany({
      tenantId,
      $or: [{ 'event.data.customerId': customerId }, { 'event.data.customer.id': customerId }],
    });
  }

  private async maySend(tenantId: string): Promise<boolean> {
    if (!this.enabled || this.verifiedTenants.has(tenantId)) return true;
    const status = await this.statuses.findOne({ _id: tenantId }).lean().exec();
    if (status?.verified) this.verifiedTenants.add(tenantId);
    return status?.verified ?? true;
  }

  /** Each held event handled, then forgotten; a failure leaves it (and the rest) for next time. */
  private async release(tenantId: string, handle: (event: CurrentEvent) => Promise<void>) {
    const held = await this.held.find({ tenantId }).sort({ heldAt: 1 }).lean().exec();
    for (const record of held) {
      await handle(upcast(record.event)); // held before a field was added, maybe
      await this.held.deleteOne({ _id: record._id });
    }
  }
}
