import { Schema, type Connection } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import { outboxPath } from '@portico/outbox';

export type EmailKind =
  'INVITATION' | 'DOCUMENT_ISSUED' | 'PASSWORD_RESET' | 'ACCOUNT_STATEMENT' | 'STAFF_INVITATION';
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
  customerId: string | null;
  accessId: string | null;
  documentId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  outbox: CloudEvent[];
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
    customerId: nullableString,
    accessId: nullableString,
    documentId: nullableString,
    sentAt: { type: Date, default: null },
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
