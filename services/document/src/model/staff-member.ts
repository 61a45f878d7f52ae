import { Schema, type Connection } from 'mongoose';

/** Read model of the tenant's staff users (from identity events), to check document processors. */
export interface StaffMemberRecord {
  _id: string; // the user id
  tenantId: string;
}

const staffMemberSchema = new Schema<StaffMemberRecord>(
  { _id: String, tenantId: { type: String, required: true } },
  { versionKey: false },
);

export const staffMemberModel = (connection: Connection) =>
  connection.model<StaffMemberRecord>('StaffMember', staffMemberSchema, 'staff_members');
