import { Schema, type Connection } from 'mongoose';
import { DOCUMENT_TYPES, type CloudEvent, type DocumentType } from '@portico/events';
import { outboxPath } from '@portico/outbox';
import type { PricedLine } from '@portico/money';

export { DOCUMENT_TYPES, type DocumentType };
export type DocumentStatus =
  'DRAFT' | 'ISSUED' | 'PARTIALLY_PAID' | 'PAID' | 'VOID' | 'ACCEPTED' | 'DECLINED';
/** Stored; OVERDUE is derived from the due date when filtering and reading. */
export type StoredPaymentState = 'UNPAID' | 'PARTIALLY_PAID' | 'PAID';
export type PaymentState = StoredPaymentState | 'OVERDUE';

/** Types that ask for payment; the others (estimates, delivery notes, ...) have no payment state. */
export const PAYABLE_TYPES: DocumentType[] = ['INVOICE', 'DEBIT_NOTE', 'REMINDER', 'CREDIT_NOTE'];

/** Who the document is addressed to, frozen when it is issued. */
export interface BillTo {
  customerId: string;
  number: string;
  displayName: string;
  email: string | null;
  address: Record<string, string | null> | null;
  taxId: string | null;
  vatId: string | null;
}

export interface PaymentRecord {
  _id: string;
  amountMinor: number;
  date: string;
  method: string | null;
  reference: string | null;
  recordedBy: string;
  recordedAt: Date;
}

export interface DocumentRecord {
  _id: string;
  tenantId: string;
  customerId: string;
  type: DocumentType;
  status: DocumentStatus;
  number: string | null;
  issueDate: string | null;
  dueDate: string | null;
  currency: string;
  exponent: number;
  lines: PricedLine[];
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
  paidMinor: number;
  /** gross - paid while payable and not void; 0 otherwise. Stored so it can be sorted and summed. */
  balanceMinor: number;
  /** Null for drafts and for types that are not paid. */
  paymentState: StoredPaymentState | null;
  payments: PaymentRecord[];
  shared: boolean;
  processorIds: string[];
  firstRetrievedAt: Date | null;
  lastRetrievedAt: Date | null;
  /** How many times contacts downloaded it (documents stored before this count from 0). */
  retrievalCount?: number;
  project: string | null;
  notes: string | null;
  billTo: BillTo | null;
  voidReason: string | null;
  createdBy: string;
  createdAt: Date;
  issuedAt: Date | null;
  /** False from a write until its copy is on the customer's shelf (customer-shelves.ts). */
  shelved: boolean;
  outbox: CloudEvent[];
}

const nullableString = { type: String, default: null };
const documentSchema = new Schema<DocumentRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    type: { type: String, enum: DOCUMENT_TYPES, required: true },
    status: { type: String, required: true },
    number: nullableString,
    issueDate: nullableString,
    dueDate: nullableString,
    currency: { type: String, required: true },
    exponent: { type: Number, required: true },
    lines: { type: [Object], required: true },
    netMinor: { type: Number, required: true },
    taxMinor: { type: Number, required: true },
    grossMinor: { type: Number, required: true },
    paidMinor: { type: Number, default: 0 },
    balanceMinor: { type: Number, default: 0 },
    paymentState: nullableString,
    payments: { type: [Object], default: [] },
    shared: { type: Boolean, default: true },
    processorIds: { type: [String], default: [] },
    firstRetrievedAt: { type: Date, default: null },
    lastRetrievedAt: { type: Date, default: null },
    retrievalCount: { type: Number, default: 0 },
    project: nullableString,
    notes: nullableString,
    billTo: { type: Object, default: null },
    voidReason: nullableString,
    createdBy: { type: String, required: true },
    issuedAt: { type: Date, default: null },
    shelved: { type: Boolean, default: false },
    ...outboxPath,
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, minimize: false },
);
// Every list ends its sort with _id, so pages are stable on non-unique fields.
// serves: staff lists, newest first, and each sort field within a tenant
documentSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
documentSchema.index({ tenantId: 1, number: 1, _id: 1 });
documentSchema.index({ tenantId: 1, dueDate: 1, _id: 1 });
documentSchema.index({ tenantId: 1, issueDate: 1, _id: 1 });
// serves: a contact's (or a customer's) documents, newest first and by due date
documentSchema.index({ tenantId: 1, customerId: 1, createdAt: -1, _id: -1 });
documentSchema.index({ tenantId: 1, customerId: 1, dueDate: 1, _id: 1 });
documentSchema.index({ tenantId: 1, customerId: 1, issueDate: 1, _id: 1 });
// serves: a SPECIALIST's processed documents
documentSchema.index({ tenantId: 1, processorIds: 1 });
// serves: the start-up check for copies a crash left off their shelf
documentSchema.index({ shelved: 1 });

export const documentModel = (connection: Connection) =>
  connection.model<DocumentRecord>('Document', documentSchema, 'documents');
