import { Schema, type Connection } from 'mongoose';
import { DOCUMENT_TYPES, type CloudEvent, type DocumentType } from '@portico/events';
import { outboxPath } from '@portico/outbox';

export interface PortalSettingsRecord {
  _id: string; // the tenant id
  enabledDocumentTypes: DocumentType[];
  portalAccessByDefault: boolean;
  defaultAccessLevelId: string;
  /** Whether new documents are shared with contacts unless staff say otherwise. */
  shareNewDocuments: boolean;
  outbox: CloudEvent[];
}

/** The settings as read: without the events waiting in the outbox. */
export type PortalSettings = Omit<PortalSettingsRecord, 'outbox'>;

const portalSettingsSchema = new Schema<PortalSettingsRecord>(
  {
    _id: String,
    enabledDocumentTypes: { type: [String], required: true },
    portalAccessByDefault: { type: Boolean, required: true },
    defaultAccessLevelId: { type: String, required: true },
    shareNewDocuments: { type: Boolean, default: true },
    ...outboxPath,
  },
  { versionKey: false },
);

export const portalSettingsModel = (connection: Connection) =>
  connection.model<PortalSettingsRecord>('PortalSettings', portalSettingsSchema, 'portal_settings');

/** A tenant that never changed its settings: every type shown, portal on, the seeded standard level. */
export function defaultPortalSettings(tenantId: string): PortalSettings {
  return {
    _id: tenantId,
    enabledDocumentTypes: [...DOCUMENT_TYPES],
    portalAccessByDefault: true,
    defaultAccessLevelId: `${tenantId}:standard`,
    shareNewDocuments: true,
  };
}
