import { Schema, type Connection } from 'mongoose';
import { DOCUMENT_TYPES, type CloudEvent, type DocumentType } from '@portico/events';
import { outboxPath } from '@portico/outbox';
import type { PricedLine } from '../money/line-totals';

export { DOCUMENT_TYPES, type DocumentType };
export type DocumentStatus =
  'DRAFT' | 'ISSUED' | 'PARTIALLY_PAID' | 'PAID' | 'VOID' | 'ACCEPTED' | 'DECLINED';

/** Who the document is addressed to, frozen when it is issued. */
export interface BillTo {
  customerId: string;
  number: string;
  displayName: string;
  email: string | null;
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
  project: string | null;
  notes: string | null;
  billTo: BillTo | null;
  createdBy: string;
  createdAt: Date;
  issuedAt: Date | null;
  outbox: CloudEvent[];
}

const documentSchema = new Schema<DocumentRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    type: { type: String, enum: DOCUMENT_TYPES, required: true },
    status: { type: String, required: true },
    number: { type: String, default: null },
    issueDate: { type: String, default: null },
    dueDate: { type: String, default: null },
    currency: { type: String, required: true },
    exponent: { type: Number, required: true },
    lines: { type: [Object], required: true },
    netMinor: { type: Number, required: true },
    taxMinor: { type: Number, required: true },
    grossMinor: { type: Number, required: true },
    project: { type: String, default: null },
    notes: { type: String, default: null },
    billTo: { type: Object, default: null },
    createdBy: { type: String, required: true },
    issuedAt: { type: Date, default: null },
    ...outboxPath,
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, minimize: false },
);
// serves: documents() for staff, a tenant's documents newest first
documentSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
// serves: documents() for a contact, one customer's documents newest first
documentSchema.index({ tenantId: 1, customerId: 1, createdAt: -1, _id: -1 });

export const documentModel = (connection: Connection) =>
  connection.model<DocumentRecord>('Document', documentSchema, 'documents');
