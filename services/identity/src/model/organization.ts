import { Schema, type Connection } from 'mongoose';
import { outboxPath } from '@portico/outbox';
import type { CloudEvent } from '@portico/events';

export interface OrganizationRecord {
  _id: string;
  name: string;
  slug: string;
  /** When the owner confirmed their email address; null (or absent, before it existed) until then. */
  verifiedAt: Date | null;
  createdAt: Date;
  outbox: CloudEvent[];
}

const organizationSchema = new Schema<OrganizationRecord>(
  {
    _id: String,
    name: { type: String, required: true },
    slug: { type: String, required: true },
    verifiedAt: { type: Date, default: null },
    ...outboxPath,
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// serves: registerOrganization's slug check and login with organizationSlug
organizationSchema.index({ slug: 1 }, { unique: true });

export const organizationModel = (connection: Connection) =>
  connection.model<OrganizationRecord>('Organization', organizationSchema, 'organizations');
