import { Schema, type Connection } from 'mongoose';
import type { StaffRole } from '@portico/auth';

/** Read model of the tenant's staff users (from identity events), to check administrators. */
export interface StaffMemberRecord {
  _id: string; // the user id
  tenantId: string;
  role: StaffRole;
}

const staffMemberSchema = new Schema<StaffMemberRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    role: { type: String, required: true },
  },
  { versionKey: false },
);
// serves: which of these ids are staff of the tenant
staffMemberSchema.index({ tenantId: 1 });

export const staffMemberModel = (connection: Connection) =>
  connection.model<StaffMemberRecord>('StaffMember', staffMemberSchema, 'staff_members');
