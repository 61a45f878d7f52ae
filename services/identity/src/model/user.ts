import { Schema, type Connection } from 'mongoose';
import type { StaffRole } from '@portico/auth';

export interface UserRecord {
  _id: string;
  tenantId: string;
  email: string;
  /** Null until an invited user accepts the invitation and sets one. */
  passwordHash: string | null;
  firstName: string | null;
  lastName: string | null;
  kind: 'STAFF' | 'CONTACT';
  role: StaffRole | null;
  accessId: string | null;
  customerId: string | null;
  /** Contacts: when their portal access ends; no token outlives it. */
  accessExpiresAt: Date | null;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

const userSchema = new Schema<UserRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    email: { type: String, required: true },
    passwordHash: { type: String, default: null },
    firstName: { type: String, default: null },
    lastName: { type: String, default: null },
    kind: { type: String, enum: ['STAFF', 'CONTACT'], required: true },
    role: { type: String, default: null },
    accessId: { type: String, default: null },
    customerId: { type: String, default: null },
    accessExpiresAt: { type: Date, default: null },
    disabled: { type: Boolean, default: false },
    lastLoginAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// serves: one account per email within a tenant; user lookups by tenant
userSchema.index({ tenantId: 1, email: 1 }, { unique: true });
// serves: login by email across tenants (then narrowed by organizationSlug)
userSchema.index({ email: 1 });
// serves: a contact by its access; erasing a customer's contacts
userSchema.index({ tenantId: 1, accessId: 1 });
userSchema.index({ tenantId: 1, customerId: 1 });

export const userModel = (connection: Connection) =>
  connection.model<UserRecord>('User', userSchema, 'users');
