import { Schema, type Connection } from 'mongoose';

export interface AuditEntryRecord {
  _id: string;
  tenantId: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: string | null;
  /** The customer the entry concerns, if any: erased with the customer. */
  customerId: string | null;
  createdAt: Date;
}

const auditEntrySchema = new Schema<AuditEntryRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    actorId: { type: String, default: null },
    action: { type: String, required: true },
    targetType: { type: String, default: null },
    targetId: { type: String, default: null },
    ip: { type: String, default: null },
    userAgent: { type: String, default: null },
    details: { type: String, default: null },
    customerId: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// serves: auditLog, a tenant's entries newest first
auditEntrySchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
// serves: erasing a deleted customer's entries
auditEntrySchema.index({ tenantId: 1, customerId: 1 });

export const auditEntryModel = (connection: Connection) =>
  connection.model<AuditEntryRecord>('AuditEntry', auditEntrySchema, 'audit_entries');
