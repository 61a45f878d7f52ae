import { Schema, type Connection } from 'mongoose';
import type { Permission } from '@portico/events';
import type { Locale } from '../rendering/locale';

/**
 * The notification service's read model of portal contacts (one per access),
 * fed by access and identity events, with the contact's own preferences.
 */
export interface RecipientRecord {
  _id: string; // access id
  tenantId: string;
  customerId: string;
  email: string;
  firstName: string | null;
  permissions: Permission[];
  expiresAt: Date | null;
  /** Accepted the invitation. */
  active: boolean;
  revoked: boolean;
  emailOnNewDocument: boolean;
  attachPdf: boolean;
  /** Null: the tenant's locale. */
  locale: Locale | null;
}

const recipientSchema = new Schema<RecipientRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    email: { type: String, default: '' },
    firstName: { type: String, default: null },
    permissions: { type: [String], default: [] },
    expiresAt: { type: Date, default: null },
    active: { type: Boolean, default: false },
    revoked: { type: Boolean, default: false },
    emailOnNewDocument: { type: Boolean, default: true },
    attachPdf: { type: Boolean, default: true },
    locale: { type: String, default: null },
  },
  { versionKey: false },
);
// serves: a customer's recipients of a new document; erasing a customer's
recipientSchema.index({ tenantId: 1, customerId: 1 });

export const recipientModel = (connection: Connection) =>
  connection.model<RecipientRecord>('Recipient', recipientSchema, 'recipients');

/** A live access: not revoked, not expired, allowed to see documents. */
function seesDocuments(recipient: RecipientRecord, now: Date): boolean {
  return (
    !recipient.revoked &&
    (!recipient.expiresAt || recipient.expiresAt > now) &&
    recipient.permissions.includes('VIEW_DOCUMENTS')
  );
}

/** Contacts told about a new document: active, not revoked or expired, allowed to see documents, wanting it. */
export function wantsNewDocuments(recipient: RecipientRecord, now = new Date()): boolean {
  return (
    recipient.active &&
    seesDocuments(recipient, now) &&
    recipient.emailOnNewDocument &&
    recipient.email !== ''
  );
}

/** Whether a contact's download link is still honoured: a live access with DOWNLOAD_DOCUMENTS. */
export function mayDownload(recipient: RecipientRecord | null, now = new Date()): boolean {
  return (
    recipient !== null &&
    seesDocuments(recipient, now) &&
    recipient.permissions.includes('DOWNLOAD_DOCUMENTS')
  );
}
