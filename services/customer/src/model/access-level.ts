import { Schema, type Connection } from 'mongoose';
import { PERMISSIONS, type Permission } from '@portico/events';

export type { Permission };

export interface AccessLevelRecord {
  _id: string;
  tenantId: string;
  name: string;
  permissions: Permission[];
}

const accessLevelSchema = new Schema<AccessLevelRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    name: { type: String, required: true },
    permissions: { type: [String], required: true },
  },
  { versionKey: false },
);
// serves: accessLevels(), names unique within a tenant
accessLevelSchema.index({ tenantId: 1, name: 1 }, { unique: true });

export const accessLevelModel = (connection: Connection) =>
  connection.model<AccessLevelRecord>('AccessLevel', accessLevelSchema, 'access_levels');

/** The levels every new tenant starts with. */
export const DEFAULT_ACCESS_LEVELS: { key: string; name: string; permissions: Permission[] }[] = [
  { key: 'full', name: 'Full access', permissions: [...PERMISSIONS] },
  {
    key: 'standard',
    name: 'Standard',
    // Everything but editing the customer's own data.
    permissions: PERMISSIONS.filter((permission) => permission !== 'EDIT_CUSTOMER_DATA'),
  },
  { key: 'read-only', name: 'Read only', permissions: ['VIEW_DOCUMENTS', 'DOWNLOAD_DOCUMENTS'] },
];
