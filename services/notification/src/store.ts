import type { TenantScope } from '@portico/auth';
import type { Connection } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import { inTurn, isDuplicateKeyError } from '@portico/mongo';
import { lockDocument } from '@portico/outbox';
import { Brandings } from './branding';
import { brandingModel } from './model/branding';
import { emailMessageModel, type EmailMessageRecord } from './model/email-message';
import { recipientModel } from './model/recipient';

export type NewDelivery = Pick<
  EmailMessageRecord,
  'tenantId' | 'eventId' | 'kind' | 'to' | 'subject' | 'customerId' | 'documentId'
> &
  Partial<Pick<EmailMessageRecord, 'accessId' | 'resendable' | 'resendOf'>>;

/** The notification service's collections; reads of a tenant's records take a TenantScope. */
export class NotificationStore {
  readonly emails;
  readonly recipients;
  readonly brandings;

  constructor(connection: Connection) {
    this.emails = emailMessageModel(connection);
    this.recipients = recipientModel(connection);
    this.brandings = new Brandings(brandingModel(connection));
  }

  listEmails(
    { tenantId }: TenantScope,
    filter: object,
    sort: Record<string, 1 | -1>,
    limit: number,
  ) {
    return this.emails
      .find({ $and: [{ tenantId }, filter] }, { outbox: 0 })
      .sort(sort)
      .limit(limit)
      .lean()
      .exec();
  }

  countEmails({ tenantId }: TenantScope, filter: object): Promise<number> {
    return this.emails.countDocuments({ ...filter, tenantId });
  }

  /**
   * Creates the delivery record, or returns the existing one while it is still to be sent: a
   * redelivered event sends again only what failed for now, never what was sent or refused for
   * good (then null).
   */
  async claimDelivery(delivery: NewDelivery & { _id: string }): Promise<EmailMessageRecord | null> {
    try {
      return (
        await this.emails.create({
          accessId: null,
          resendable: null,
          resendOf: null,
          ...delivery,
          status: 'QUEUED',
        })
      ).toObject();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.emails
        .findOne({ _id: delivery._id }, { outbox: 0 })
        .lean()
        .exec();
      return existing && existing.status !== 'SENT' && !existing.final ? existing : null;
    }
  }

  findEmail({ tenantId }: TenantScope, id: string) {
    return this.emails.findOne({ _id: id, tenantId }, { outbox: 0 }).lean().exec();
  }

  /** A contact's recipient record, if it belongs to the tenant. */
  findRecipient({ tenantId }: TenantScope, accessId: string) {
    return this.recipients.findOne({ _id: accessId, tenantId }).lean().exec();
  }

  /** The recipient records of a customer's contacts. */
  customerRecipients({ tenantId }: TenantScope, customerId: string) {
    return this.recipients.find({ tenantId, customerId }).lean().exec();
  }

  /** A deleted customer's email history. */
  async eraseCustomerEmails({ tenantId }: TenantScope, customerId: string): Promise<void> {
    await this.emails.deleteMany({ tenantId, customerId });
  }

  /** A deleted customer's recipient records. */
  async eraseCustomerRecipients({ tenantId }: TenantScope, customerId: string): Promise<void> {
    await this.recipients.deleteMany({ tenantId, customerId });
  }

  /**
   * Sets fields of an access's recipient record (made if missing). Writes of
   * one record take turns in this process: the recipients consumer and a
   * contact changing preferences may write it at the same moment, and
   * FerretDB 1.24 loses one of two concurrent updates of a document.
   */
  async setRecipient(accessId: string, fields: object): Promise<void> {
    await inTurn(`recipient/${accessId}`, () =>
      this.recipients.updateOne({ _id: accessId }, { $set: fields }, { upsert: true }),
    );
  }

  /** A failed try; `final` when the server refused for good (5xx): it is never tried again. */
  async recordFailure(id: string, error: unknown, final: boolean): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await lockDocument(this.emails, id, () =>
      this.emails.updateOne(
        { _id: id },
        {
          $set: { status: 'FAILED', error: message.slice(0, 1000), final },
          $inc: { attempts: 1 },
        },
      ),
    );
  }

  /** Marks the email sent and queues its event in the same single-document write. */
  async recordSent(id: string, event: CloudEvent): Promise<void> {
    await lockDocument(this.emails, id, () =>
      this.emails.updateOne(
        { _id: id },
        {
          $set: { status: 'SENT', error: null, sentAt: new Date() },
          $inc: { attempts: 1 },
          $push: { outbox: event },
        },
      ),
    );
  }
}
