import { Schema, type Connection } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import { outboxPath } from '@portico/outbox';

export type CustomerType = 'PERSON' | 'COMPANY';

export interface Address {
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
}

export interface BankAccount {
  iban: string | null;
  bic: string | null;
  accountHolder: string | null;
}

/** The data staff edit and contacts with EDIT_CUSTOMER_DATA partly edit. */
export interface CustomerData {
  type: CustomerType;
  displayName: string;
  companyName: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  address: Address | null;
  taxId: string | null;
  vatId: string | null;
  bankAccount: BankAccount | null;
}

export interface CustomerRecord extends CustomerData {
  _id: string;
  tenantId: string;
  number: string;
  portalEnabled: boolean;
  administratorIds: string[];
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date | null;
  /** Set when deletion began; the record is erased once every service was told. */
  deletedAt: Date | null;
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
    address: { type: Object, default: null },
    taxId: nullableString,
    vatId: nullableString,
    bankAccount: { type: Object, default: null },
    portalEnabled: { type: Boolean, default: true },
    administratorIds: { type: [String], default: [] },
    createdBy: nullableString,
    updatedAt: { type: Date, default: null },
    deletedAt: { type: Date, default: null },
    ...outboxPath,
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// serves: customer numbers are unique within a tenant
customerSchema.index({ tenantId: 1, number: 1 }, { unique: true });
// serves: customers(), a tenant's customers newest first
customerSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
// serves: customers() of a SPECIALIST, those they administer
customerSchema.index({ tenantId: 1, administratorIds: 1 });

export const customerModel = (connection: Connection) =>
  connection.model<CustomerRecord>('Customer', customerSchema, 'customers');
