import { Schema, type Connection } from 'mongoose';
import { DOCUMENT_TYPES, type DocumentType } from '@portico/events';

/**
 * Per tenant: the portal settings this service follows (from customer events)
 * and its own numbering patterns. Absent means the defaults.
 */
export interface TenantSettingsRecord {
  _id: string; // tenant id
  enabledDocumentTypes: DocumentType[];
  shareNewDocuments: boolean;
  numberPatterns: Partial<Record<DocumentType, string>>;
}

const tenantSettingsSchema = new Schema<TenantSettingsRecord>(
  {
    _id: String,
    enabledDocumentTypes: { type: [String], default: () => [...DOCUMENT_TYPES] },
    shareNewDocuments: { type: Boolean, default: true },
    numberPatterns: { type: Object, default: {} },
  },
  { versionKey: false, minimize: false },
);

export const tenantSettingsModel = (connection: Connection) =>
  connection.model<TenantSettingsRecord>('TenantSettings', tenantSettingsSchema, 'tenant_settings');

export function defaultTenantSettings(tenantId: string): TenantSettingsRecord {
  return {
    _id: tenantId,
    enabledDocumentTypes: [...DOCUMENT_TYPES],
    shareNewDocuments: true,
    numberPatterns: {},
  };
}
