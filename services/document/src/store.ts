import type { Connection } from 'mongoose';
import type { AuthContext } from '@portico/auth';
import { nextSequence } from '@portico/mongo';
import { customerReplicaModel } from './model/customer-replica';
import { documentModel, type DocumentRecord, type DocumentType } from './model/document';

const WITHOUT_OUTBOX = { outbox: 0 } as const;
const NUMBER_PREFIX: Record<DocumentType, string> = {
  INVOICE: 'INV',
  CREDIT_NOTE: 'CN',
  DEBIT_NOTE: 'DN',
  ESTIMATE: 'EST',
  REMINDER: 'REM',
  DELIVERY_NOTE: 'DEL',
  ORDER_CONFIRMATION: 'OC',
};

/**
 * The filter of what a caller may see, applied inside every query: staff see
 * their tenant's documents, a contact only their customer's issued ones,
 * anonymous callers nothing.
 */
export function visibleTo(auth: AuthContext): Record<string, unknown> | null {
  if (auth.kind === 'STAFF') return { tenantId: auth.tenantId };
  if (auth.kind === 'CONTACT')
    return { tenantId: auth.tenantId, customerId: auth.customerId, status: { $ne: 'DRAFT' } };
  return null;
}

export class DocumentStore {
  readonly documents;
  readonly customers;

  constructor(private readonly connection: Connection) {
    this.documents = documentModel(connection);
    this.customers = customerReplicaModel(connection);
  }

  async findVisible(auth: AuthContext, id: string): Promise<DocumentRecord | null> {
    const scope = visibleTo(auth);
    return scope ? this.documents.findOne({ ...scope, _id: id }, WITHOUT_OUTBOX).lean() : null;
  }

  listVisible(
    scope: Record<string, unknown>,
    page: object,
    sort: Record<string, 1 | -1>,
    limit: number,
  ) {
    return this.documents
      .find({ $and: [scope, page] }, WITHOUT_OUTBOX)
      .sort(sort)
      .limit(limit)
      .lean()
      .exec();
  }

  findCustomer(tenantId: string, customerId: string) {
    return this.customers.findOne({ _id: customerId, tenantId }).lean().exec();
  }

  /** INV-2026-000001: per tenant, type and year. */
  async nextNumber(tenantId: string, type: DocumentType, year: string): Promise<string> {
    const sequence = await nextSequence(this.connection, `${tenantId}:${type}:${year}`);
    return `${NUMBER_PREFIX[type]}-${year}-${String(sequence).padStart(6, '0')}`;
  }
}
