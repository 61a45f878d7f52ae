import { badInput } from '@portico/errors';
import type { Connection, mongo } from 'mongoose';
import type { DocumentRecord } from './model/document';

/** A document as kept on a shelf: everything but the outbox and the shelf mark. */
export type ShelvedDocument = Omit<DocumentRecord, 'outbox' | 'shelved'>;

// Customer ids are UUIDs; anything else cannot name a collection.
const CUSTOMER_ID = /^[A-Za-z0-9-]{1,64}$/;

// The orders a customer's list is read in most (see document-listing.ts).
const SHELF_INDEXES = [
  { createdAt: -1, _id: -1 },
  { dueDate: 1, _id: 1 },
  { issueDate: 1, _id: 1 },
] as const;

/**
 * A copy of each customer's documents in a collection of its own,
 * `shelf_<customerId>`, so reads pinned to one customer (a contact's portal,
 * a customer's page, a statement) touch only that customer's documents.
 *
 * Why: FerretDB 1.24 (SQLite) pushes no filter but `_id` down, so a query on
 * the shared `documents` collection decodes all of it (26 s at 100,000
 * documents). MongoDB would serve the same reads from compound indexes; there
 * the shelves cost one small collection per customer.
 *
 * The store writes the copy under the document's lock, right after the
 * document itself (see DocumentStore.updateDocument).
 */
export class CustomerShelves {
  private readonly indexed = new Set<string>();

  constructor(private readonly connection: Connection) {}

  /** The shelf of one customer; BAD_USER_INPUT on `field` when the id cannot name one. */
  of(customerId: string, field = 'filter.customerId'): mongo.Collection<ShelvedDocument> {
    if (!CUSTOMER_ID.test(customerId)) throw badInput(field, 'Unknown customer');
    return this.connection.db!.collection<ShelvedDocument>(`shelf_${customerId}`);
  }

  /** Puts the document's current state on its customer's shelf (and off the one it left). */
  async put(document: DocumentRecord, previousCustomerId?: string): Promise<void> {
    const { outbox: _outbox, shelved: _shelved, ...copy } = document;
    if (previousCustomerId && previousCustomerId !== document.customerId)
      await this.of(previousCustomerId).deleteOne({ _id: document._id });
    const shelf = this.of(document.customerId);
    if (!this.indexed.has(document.customerId)) {
      await shelf.createIndexes(SHELF_INDEXES.map((key) => ({ key })));
      this.indexed.add(document.customerId);
    }
    await shelf.replaceOne({ _id: document._id }, copy, { upsert: true });
  }

  /** Removes a customer's shelf (customer erased); nothing to do when there is none. */
  async drop(customerId: string): Promise<void> {
    const shelf = this.of(customerId);
    const exists = await this.connection
      .db!.listCollections({ name: shelf.collectionName }, { nameOnly: true })
      .hasNext();
    if (exists) await shelf.drop();
    this.indexed.delete(customerId);
  }
}
