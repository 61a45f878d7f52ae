import { Schema, type Connection } from 'mongoose';
import type { CloudEvent, EventData } from '@portico/events';
import type { Locale } from '../rendering/locale';
import { outboxPath } from '@portico/outbox';

/** The kinds of email, as `email sent` events name them. */
export type EmailKind = EventData<'portico.email.sent.v1'>['kind'];
export type EmailStatus = 'QUEUED' | 'SENT' | 'FAILED';

export interface EmailMessageRecord {
  _id: string;
  tenantId: string;
  /** The event that caused the email; with `to`, unique: one email per event and recipient. */
  eventId: string;
  kind: EmailKind;
  to: string;
  subject: string;
  status: EmailStatus;
  error: string | null;
  attempts: number;
  /** Refused for good (SMTP 5xx): a redelivered event does not try again. */
  final: boolean;
  customerId: string | null;
  accessId: string | null;
  documentId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /**
   * What `resendEmail` composes the email from again (the event's data and
   * the recipient). Null for kinds that carry a one-time secret, which is never kept.
   */
  resendable: ResendableEmail | null;
  /** The email this one resends, if it is a resend. */
  resendOf: string | null;
  outbox: CloudEvent[];
}

export type ResendableEmail =
  | {
      kind: 'DOCUMENT_ISSUED';
      data: EventData<'portico.document.issued.v1'>;
      recipient: DocumentRecipient;
    }
  | { kind: 'ACCOUNT_STATEMENT'; data: EventData<'portico.document.statement-requested.v1'> };

/** Who a document email goes to, as decided when it was first sent. */
export interface DocumentRecipient {
  email: string;
  name: string;
  accessId: string | null;
  attachPdf: boolean;
  locale: Locale | null;
}

const nullableString = { type: String, default: null };
const emailMessageSchema = new Schema<EmailMessageRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    eventId: { type: String, required: true },
    kind: { type: String, required: true },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    status: { type: String, required: true },
    error: nullableString,
    attempts: { type: Number, default: 0 },
    final: { type: Boolean, default: false },
    customerId: nullableString,
    accessId: nullableString,
    documentId: nullableString,
    sentAt: { type: Date, default: null },
    resendable: { type: Object, default: null },
    resendOf: nullableString,
    ...outboxPath,
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// serves: idempotent delivery, one email per event and recipient
emailMessageSchema.index({ eventId: 1, to: 1 }, { unique: true });
// serves: emailHistory(), a tenant's emails newest first
emailMessageSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
// serves: erasing a deleted customer's emails
emailMessageSchema.index({ tenantId: 1, customerId: 1 });

export const emailMessageModel = (connection: Connection) =>
  connection.model<EmailMessageRecord>('EmailMessage', emailMessageSchema, 'email_messages');
