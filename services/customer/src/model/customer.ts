import { Schema, type Connection } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import { outboxPath } from '@portico/outbox';

export type CustomerType = 'PERSON' | 'COMPANY';

export interface CustomerRecord {
  _id: string;
  tenantId: string;
  number: string;
  type: CustomerType;
  displayName: string;
  companyName: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  createdBy: string | null;
  createdAt: Date;
  outbox: CloudEvent[];
}

const nullableString = { type: String, default: null };
const customerSchema = new Schema<CustomerRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    number: { type: String, required: true },
    type: { type: String, enum: ['PERSON', 'COMPANY'], required: true },
    displayName: { type: String, required: true },
    companyName: nullableString,
    firstName: nullableString,
    lastName: nullableString,
    email: nullableString,
    phone: nullableString,
    createdBy: nullableString,
    ...outboxPath,
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// serves: customer numbers are unique within a tenant
customerSchema.index({ tenantId: 1, number: 1 }, { unique: true });
// serves: customers(), a tenant's customers newest first
customerSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });

export const customerModel = (connection: Connection) =>
  connection.model<CustomerRecord>('Customer', customerSchema, 'customers');
