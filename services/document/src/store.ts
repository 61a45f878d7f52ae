import type { ScopedFilter, TenantScope } from '@portico/auth';
import type { Connection, mongo, RootFilterQuery, UpdateQuery } from 'mongoose';
import { AppError } from '@portico/errors';
import type { DocumentType } from '@portico/events';
import { Query } from 'mingo';
import { isFerretDb } from '@portico/mongo';
import { lockDocument } from '@portico/outbox';
import { CustomerShelves, type ShelvedDocument } from './customer-shelves';
import { TenantLedger } from './tenant-ledger';
import {
  accessReplicaModel,
  type AccessChange,
  type AccessReplicaRecord,
} from './model/access-replica';
import { customerReplicaModel, type CustomerReplicaRecord } from './model/customer-replica';
import { documentModel, type DocumentRecord } from './model/document';
import { documentCommentModel, type DocumentCommentRecord } from './model/document-comment';
import { staffMemberModel } from './model/staff-member';
import {
  defaultTenantSettings,
  tenantSettingsModel,
  type TenantSettingsRecord,
} from './model/tenant-settings';

const WITHOUT_OUTBOX = { outbox: 0 } as const;
// What the ledger does not keep: less to send when it is built from `documents`.
const SCANNED_FOR_LEDGER = { outbox: 0, lines: 0, payments: 0, billTo: 0 } as const;

/** A new document as the caller composes it; the schema fills in the defaults. */
export type NewDocument = Partial<Omit<DocumentRecord, 'tenantId'>> &
  Pick<DocumentRecord, '_id' | 'customerId' | 'status' | 'createdBy'>;

/**
 * The document service's collections. Reads and writes of a tenant take a TenantScope or a
 * ScopedFilter; those by id alone say so, and their callers check the tenant.
 */
export class DocumentStore {
  readonly documents;
  readonly comments;
  readonly customers;
  readonly accesses;
  readonly settings;
  readonly staffMembers;
  readonly shelves;
  readonly ledger;

  constructor(private readonly connection: Connection) {
    this.shelves = new CustomerShelves(connection);
    this.ledger = new TenantLedger(connection);
    this.documents = documentModel(connection);
    this.comments = documentCommentModel(connection);
    this.customers = customerReplicaModel(connection);
    this.accesses = accessReplicaModel(connection);
    this.settings = tenantSettingsModel(connection);
    this.staffMembers = staffMemberModel(connection);
  }

  /**
   * A document within `scope` (see viewer.ts). Read by `_id` alone, then
   * tested against the scope in memory: FerretDB 1.24 pushes a filter down
   * only when it is exactly `{ _id }`; with any other condition beside it,
   * it reads the whole collection.
   */
  findDocument(scope: ScopedFilter, id: string): Promise<DocumentRecord | null> {
    return this.findMatching(scope, id);
  }

  private async findMatching(filter: object, id: string): Promise<DocumentRecord | null> {
    const document = await this.documents
      .findOne({ _id: id }, WITHOUT_OUTBOX)
      .lean<DocumentRecord>()
      .exec();
    return document && new Query(filter).test(document as never) ? document : null;
  }

  /** Like findDocument, but NOT_FOUND on `field` when the caller may not see it (or it does not exist). */
  async requireDocument(scope: ScopedFilter, id: string, field = 'id'): Promise<DocumentRecord> {
    const document = await this.findDocument(scope, id);
    if (!document) throw new AppError('NOT_FOUND', 'Document not found', field);
    return document;
  }

  /** Documents by id, in parallel (FerretDB reads each by `{ _id }` alone); the missing left out. */
  async documentsById(ids: string[]): Promise<Map<string, DocumentRecord>> {
    const found = await Promise.all(
      ids.map((id) =>
        this.documents.findOne({ _id: id }, WITHOUT_OUTBOX).lean<DocumentRecord>().exec(),
      ),
    );
    return new Map(found.flatMap((document) => (document ? [[document._id, document]] : [])));
  }

  /**
   * Writes the ledger row of every document once, for a database from
   * before the ledger (tenant-ledger.ts); nothing to do after. Run at start,
   * before serving: on FerretDB it reads the whole collection.
   */
  buildLedger(): Promise<number> {
    return this.ledger.build(() =>
      this.allDocuments().find({}, { projection: SCANNED_FOR_LEDGER }),
    );
  }

  /** The shared collection of every customer's documents, for reads across customers. */
  allDocuments(): mongo.Collection<ShelvedDocument> {
    return this.connection.db!.collection<ShelvedDocument>(
      this.documents.collection.collectionName,
    );
  }

  /** Inserts a new document of the tenant and puts it on its customer's shelf. */
  insertDocument({ tenantId }: TenantScope, document: NewDocument): Promise<DocumentRecord> {
    return lockDocument(this.documents, document._id, async () => {
      const created = (
        await this.documents.create({ ...document, tenantId, shelved: false })
      ).toObject();
      await this.shelve(created);
      return created;
    });
  }

  /**
   * `findOneAndUpdate` of the document `filter._id` and its shelf copy, both
   * under the document's lock; null when `filter` no longer matches. MongoDB
   * tests the whole filter itself (exact across replicas); on FerretDB the
   * condition beside the id is tested here (see below). A crash
   * between the two leaves `shelved: false`, which `restock` finishes.
   */
  updateDocument(
    filter: { _id: string } & RootFilterQuery<DocumentRecord>,
    update: UpdateQuery<DocumentRecord>,
    previousCustomerId?: string,
  ): Promise<DocumentRecord | null> {
    return lockDocument(this.documents, filter._id, async () => {
      const { _id, ...condition } = filter;
      let where: RootFilterQuery<DocumentRecord> = filter;
      if (Object.keys(condition).length > 0 && (await isFerretDb(this.connection))) {
        // FerretDB would read every document for this filter: read this one by its id and test
        // the condition here (findDocument), still under the document's lock, then update by id.
        if (!(await this.findMatching(condition, _id))) return null;
        where = { _id };
      }
      const updated = await this.documents
        .findOneAndUpdate(
          where,
          { ...update, $set: { ...update.$set, shelved: false } },
          { new: true },
        )
        .lean<DocumentRecord>()
        .exec();
      if (updated) await this.shelve(updated, previousCustomerId);
      return updated;
    });
  }

  /** Shelves (and writes the ledger row of) what a crash left unshelved; returns how many. Run at start. */
  async restock(): Promise<number> {
    const pending = await this.documents.find({ shelved: false }, { _id: 1 }).lean().exec();
    for (const { _id } of pending)
      await lockDocument(this.documents, _id, async () => {
        const document = await this.documents.findOne({ _id }).lean<DocumentRecord>().exec();
        if (document && !document.shelved) await this.shelve(document);
      });
    return pending.length;
  }

  private async shelve(document: DocumentRecord, previousCustomerId?: string): Promise<void> {
    // Side by side: each waits out the same trusted time after its own stamp.
    await Promise.all([this.shelves.put(document, previousCustomerId), this.ledger.put(document)]);
    await this.documents.updateOne({ _id: document._id }, { $set: { shelved: true } }).exec();
  }

  // By `{ _id }` alone, then the tenant checked here: see findDocument.
  async findCustomer(
    { tenantId }: TenantScope,
    customerId: string,
  ): Promise<CustomerReplicaRecord | null> {
    const customer = await this.customers.findOne({ _id: customerId }).lean().exec();
    return customer?.tenantId === tenantId ? customer : null;
  }

  async customersAdministeredBy({ tenantId }: TenantScope, userId: string): Promise<string[]> {
    const rows = await this.customers
      .find({ tenantId, administratorIds: userId }, { _id: 1 })
      .lean()
      .exec();
    return rows.map((row) => row._id);
  }

  /** An access by `{ _id }` alone, whichever tenant it belongs to: callers check the tenant. */
  accessById(accessId: string): Promise<AccessReplicaRecord | null> {
    return this.accesses.findOne({ _id: accessId }).lean<AccessReplicaRecord>().exec();
  }

  /** A staff user of the tenant (owners at registration, invited staff), to check processors. */
  async recordStaffMember({ tenantId }: TenantScope, userId: string): Promise<void> {
    await this.staffMembers.updateOne({ _id: userId }, { $set: { tenantId } }, { upsert: true });
  }

  /** What an access may do now (granted, changed, revoked), upserted by its id. */
  async applyAccessChange(
    { accessId, ...changed }: AccessChange,
    { tenantId }: TenantScope,
  ): Promise<void> {
    await this.accesses.updateOne({ _id: accessId, tenantId }, { $set: changed }, { upsert: true });
  }

  /** The customer as the customer service last described it, upserted by its id. */
  async keepCustomer(
    { tenantId }: TenantScope,
    { _id, ...fields }: Omit<CustomerReplicaRecord, 'tenantId'>,
  ): Promise<void> {
    await this.customers.updateOne({ _id, tenantId }, { $set: fields }, { upsert: true });
  }

  /** The tenant's portal settings as the customer service last described them. */
  async keepPortalSettings(
    { tenantId }: TenantScope,
    settings: Pick<TenantSettingsRecord, 'enabledDocumentTypes' | 'shareNewDocuments'>,
  ): Promise<void> {
    await this.settings.updateOne({ _id: tenantId }, { $set: settings }, { upsert: true });
  }

  /** The ids of a customer's documents, for erasing what refers to them. */
  async customerDocumentIds({ tenantId }: TenantScope, customerId: string): Promise<string[]> {
    const rows = await this.documents.find({ tenantId, customerId }, { _id: 1 }).lean().exec();
    return rows.map((row) => row._id);
  }

  /** Erases a deleted customer: comments, documents (with shelf and ledger rows), accesses, itself. */
  async eraseCustomer(
    tenant: TenantScope,
    customerId: string,
    documentIds: string[],
  ): Promise<void> {
    const { tenantId } = tenant;
    await this.comments.deleteMany({ tenantId, customerId });
    await this.documents.deleteMany({ tenantId, customerId });
    await this.shelves.drop(customerId);
    await this.ledger.remove(tenant, documentIds);
    await this.accesses.deleteMany({ tenantId, customerId });
    await this.customers.deleteOne({ _id: customerId, tenantId });
  }

  /** The tenant's numbering pattern for one document type. */
  async setNumberPattern(
    { tenantId }: TenantScope,
    type: DocumentType,
    pattern: string,
  ): Promise<void> {
    await this.settings.updateOne(
      { _id: tenantId },
      { $set: { [`numberPatterns.${type}`]: pattern } },
      { upsert: true },
    );
  }

  /** Which of `userIds` are staff users of the tenant. */
  async knownStaffIds({ tenantId }: TenantScope, userIds: string[]): Promise<string[]> {
    const known = await this.staffMembers
      .find({ _id: { $in: userIds }, tenantId }, { _id: 1 })
      .lean();
    return known.map((member) => member._id);
  }

  /** Adds a comment with its event (outbox), in one write. */
  async addComment(
    { tenantId }: TenantScope,
    comment: Omit<DocumentCommentRecord, 'tenantId' | 'createdAt'>,
  ): Promise<DocumentCommentRecord> {
    return (
      await lockDocument(this.comments, comment._id, () =>
        this.comments.create({ ...comment, tenantId }),
      )
    ).toObject();
  }

  /** A document's comments, oldest first. */
  commentsOn(
    { tenantId }: TenantScope,
    documentId: string,
  ): Promise<Omit<DocumentCommentRecord, 'outbox'>[]> {
    return this.comments
      .find({ tenantId, documentId }, { outbox: 0 })
      .sort({ createdAt: 1 })
      .lean()
      .exec();
  }

  /** A customer by `{ _id }` alone, whichever tenant it belongs to: callers check the tenant. */
  customerById(customerId: string): Promise<CustomerReplicaRecord | null> {
    return this.customers.findOne({ _id: customerId }).lean<CustomerReplicaRecord>().exec();
  }

  async tenantSettings({ tenantId }: TenantScope): Promise<TenantSettingsRecord> {
    return (
      (await this.settings.findOne({ _id: tenantId }).lean().exec()) ??
      defaultTenantSettings(tenantId)
    );
  }
}
