import type { Connection } from 'mongoose';
import { AppError } from '@portico/errors';
import { accessReplicaModel, type AccessReplicaRecord } from './model/access-replica';
import { customerReplicaModel, type CustomerReplicaRecord } from './model/customer-replica';
import { documentModel, type DocumentRecord } from './model/document';
import { documentCommentModel } from './model/document-comment';
import { staffMemberModel } from './model/staff-member';
import {
  defaultTenantSettings,
  tenantSettingsModel,
  type TenantSettingsRecord,
} from './model/tenant-settings';

const WITHOUT_OUTBOX = { outbox: 0 } as const;

/** The document service's collections; reads take a scope or the tenant id. */
export class DocumentStore {
  readonly documents;
  readonly comments;
  readonly customers;
  readonly accesses;
  readonly settings;
  readonly staffMembers;

  constructor(connection: Connection) {
    this.documents = documentModel(connection);
    this.comments = documentCommentModel(connection);
    this.customers = customerReplicaModel(connection);
    this.accesses = accessReplicaModel(connection);
    this.settings = tenantSettingsModel(connection);
    this.staffMembers = staffMemberModel(connection);
  }

  /** A document within `scope` (see viewer.ts). */
  findDocument(scope: object, id: string): Promise<DocumentRecord | null> {
    return this.documents
      .findOne({ $and: [scope, { _id: id }] }, WITHOUT_OUTBOX)
      .lean()
      .exec();
  }

  /** Like findDocument, but NOT_FOUND on `field` when the caller may not see it (or it does not exist). */
  async requireDocument(scope: object, id: string, field = 'id'): Promise<DocumentRecord> {
    const document = await this.findDocument(scope, id);
    if (!document) throw new AppError('NOT_FOUND', 'Document not found', field);
    return document;
  }

  findCustomer(tenantId: string, customerId: string): Promise<CustomerReplicaRecord | null> {
    return this.customers.findOne({ _id: customerId, tenantId }).lean().exec();
  }

  async customersAdministeredBy(tenantId: string, userId: string): Promise<string[]> {
    const rows = await this.customers
      .find({ tenantId, administratorIds: userId }, { _id: 1 })
      .lean()
      .exec();
    return rows.map((row) => row._id);
  }

  findAccess(tenantId: string, accessId: string): Promise<AccessReplicaRecord | null> {
    return this.accesses.findOne({ _id: accessId, tenantId }).lean().exec();
  }

  async tenantSettings(tenantId: string): Promise<TenantSettingsRecord> {
    return (
      (await this.settings.findOne({ _id: tenantId }).lean().exec()) ??
      defaultTenantSettings(tenantId)
    );
  }
}
