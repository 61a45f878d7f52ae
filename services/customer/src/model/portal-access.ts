import { Schema, type Connection } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import { outboxPath } from '@portico/outbox';

/** Stored states; EXPIRED is derived from expiresAt when read. */
export type StoredAccessStatus = 'INVITED' | 'ACTIVE' | 'REVOKED';
export type AccessStatus = StoredAccessStatus | 'EXPIRED';

export interface PortalAccessRecord {
  _id: string;
  tenantId: string;
  customerId: string;
  email: string;
  /**
   * The email while the access is not revoked, else `revoked:<id>`: a unique
   * index on it allows one live access per email in a tenant (the contact's
   * sign-in name) without the partial index FerretDB lacks.
   */
  emailKey: string;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  accessLevelId: string;
  status: StoredAccessStatus;
  expiresAt: Date | null;
  invitedAt: Date;
  invitedBy: string;
  activatedAt: Date | null;
  revokedAt: Date | null;
  lastLoginAt: Date | null;
  userId: string | null;
  outbox: CloudEvent[];
}

const portalAccessSchema = new Schema<PortalAccessRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    email: { type: String, required: true },
    emailKey: { type: String, required: true },
    phone: { type: String, default: null },
    firstName: { type: String, default: null },
    lastName: { type: String, default: null },
    accessLevelId: { type: String, required: true },
    status: { type: String, enum: ['INVITED', 'ACTIVE', 'REVOKED'], required: true },
    expiresAt: { type: Date, default: null },
    invitedAt: { type: Date, required: true },
    invitedBy: { type: String, required: true },
    activatedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    lastLoginAt: { type: Date, default: null },
    userId: { type: String, default: null },
    ...outboxPath,
  },
  { versionKey: false },
);
// serves: one live access per email in a tenant
portalAccessSchema.index({ tenantId: 1, emailKey: 1 }, { unique: true });
// serves: Customer.accesses, deletion of a customer's accesses
portalAccessSchema.index({ tenantId: 1, customerId: 1, invitedAt: 1 });

export const portalAccessModel = (connection: Connection) =>
  connection.model<PortalAccessRecord>('PortalAccess', portalAccessSchema, 'portal_accesses');

/** What the contract shows: a live access past its expiry is EXPIRED. */
export function accessStatus(access: PortalAccessRecord, now = new Date()): AccessStatus {
  if (access.status !== 'REVOKED' && access.expiresAt && access.expiresAt <= now) return 'EXPIRED';
  return access.status;
}

/** The stored-field filter for accesses that `accessStatus` would call `status` at `now`. */
export function accessStatusFilter(status: AccessStatus, now: Date): Record<string, unknown> {
  if (status === 'REVOKED') return { status: 'REVOKED' };
  if (status === 'EXPIRED')
    return { status: { $in: ['INVITED', 'ACTIVE'] }, expiresAt: { $ne: null, $lte: now } };
  return { status, $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] };
}
