import { randomUUID } from 'node:crypto';
import { badInput } from '@portico/errors';
import { isDuplicateKeyError, isFerretDb, upsertRetried } from '@portico/mongo';
import { RecentReads, sharedWhileRunning } from '@portico/read-sharing';
import type { Connection, mongo } from 'mongoose';
import type { DocumentRecord } from './model/document';
import { outlastTrust, VERSION_TRUSTED_MS } from './version-trust';

/** A document as kept on a shelf: everything but the outbox and the shelf mark. */
export type ShelvedDocument = Omit<DocumentRecord, 'outbox' | 'shelved'>;

// Customer ids are UUIDs; anything else cannot name a collection.
const CUSTOMER_ID = /^[A-Za-z0-9-]{1,64}$/;

// Shelves kept in memory; about 200 kB each at 100 documents.
const CACHED_SHELVES = 200;

// How long a replica waits for another to finish making a shelf before making it itself.
const SHELF_MAKING_TIMEOUT_MS = 10_000;

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
 *
 * Reading a shelf still decodes every document on it (about 17 ms for 100 on
 * FerretDB), so `contents` keeps recent shelves in memory, each with the
 * version its customer had when read; every write stamps a new version (in
 * `shelf_versions`, read by `{ _id }`, the one filter FerretDB pushes down).
 * A shelf changed by another replica has a new version too.
 *
 * A version read is itself a round trip (most of a kept list's cost), so it
 * is taken as current for `trustMs` after it started, and every change waits
 * out that time before it returns ("commit wait"): whoever has seen a change
 * answered (its mutation, its events) reads it on every replica. The price
 * is `trustMs` on each document write; a list read again within that time,
 * as under load on one customer, needs no database at all.
 */
export class CustomerShelves {
  /** Per customer: its shelf exists with its indexes (or is being made by this process). */
  private readonly made = new Map<string, Promise<void>>();
  private readonly cached = new Map<string, { version: string | null; rows: ShelvedDocument[] }>();
  /** Reads under way: callers asking for one customer's shelf at the same moment share one. */
  private readonly reading = sharedWhileRunning<string, ShelvedDocument[]>();
  /** Versions read lately, each taken as current for `trustMs` after its read started. */
  private readonly versionsRead: RecentReads<string, string | null>;

  constructor(
    private readonly connection: Connection,
    private readonly trustMs = VERSION_TRUSTED_MS,
  ) {
    this.versionsRead = new RecentReads({
      keepMs: trustMs,
      capacity: CACHED_SHELVES,
      now: () => performance.now(), // durations only: no wall-clock jumps
    });
  }

  /** Everything on a customer's shelf: from memory while its version holds. */
  contents(customerId: string): Promise<ShelvedDocument[]> {
    return this.reading(customerId, () => this.read(customerId));
  }

  private async read(customerId: string): Promise<ShelvedDocument[]> {
    const shelf = this.of(customerId);
    const version = await this.versionsRead.get(
      customerId,
      async () => (await this.versions().findOne({ _id: customerId }))?.version ?? null,
    );
    const known = this.cached.get(customerId);
    this.cached.delete(customerId); // re-inserted below: the map's order is least recently used first
    if (known && known.version === version) {
      this.cached.set(customerId, known);
      return known.rows;
    }
    // Read after the version: the rows are at least as new as the version they are kept with.
    const rows = await shelf.find({}).toArray();
    this.cached.set(customerId, { version, rows });
    if (this.cached.size > CACHED_SHELVES) this.cached.delete(this.cached.keys().next().value!);
    return rows;
  }

  /** The shelf of one customer; BAD_USER_INPUT on `field` when the id cannot name one. */
  of(customerId: string, field = 'filter.customerId'): mongo.Collection<ShelvedDocument> {
    if (!CUSTOMER_ID.test(customerId)) throw badInput(field, 'Unknown customer');
    return this.connection.db!.collection<ShelvedDocument>(`shelf_${customerId}`);
  }

  /**
   * Puts the document's current state on its customer's shelf (and off the
   * one it left); returns once every replica reads it.
   */
  async put(document: DocumentRecord, previousCustomerId?: string): Promise<void> {
    const { outbox: _outbox, shelved: _shelved, ...copy } = document;
    if (previousCustomerId && previousCustomerId !== document.customerId) {
      await this.of(previousCustomerId).deleteOne({ _id: document._id });
      await this.stamp(previousCustomerId);
    }
    const shelf = this.of(document.customerId);
    await this.make(document.customerId);
    await shelf.replaceOne({ _id: document._id }, copy, { upsert: true });
    await this.stamp(document.customerId);
    await outlastTrust(this.trustMs);
  }

  /** Removes a customer's shelf (customer erased); nothing to do when there is none. */
  async drop(customerId: string): Promise<void> {
    const shelf = this.of(customerId);
    const exists = await this.connection
      .db!.listCollections({ name: shelf.collectionName }, { nameOnly: true })
      .hasNext();
    if (exists) await shelf.drop();
    await this.versions().deleteOne({ _id: customerId });
    await this.registry().deleteOne({ _id: customerId });
    this.made.delete(customerId);
    this.cached.delete(customerId);
    this.versionsRead.forget(customerId);
    await outlastTrust(this.trustMs);
  }

  /** Makes the customer's shelf with its indexes, once per process. */
  private make(customerId: string): Promise<void> {
    let making = this.made.get(customerId);
    if (!making) {
      making = this.makeOnce(customerId);
      this.made.set(customerId, making);
      making.catch(() => this.made.delete(customerId)); // the next write tries again
    }
    return making;
  }

  /**
   * One replica makes a shelf: the one whose insert into `shelf_registry`
   * wins; the others wait until it is ready. FerretDB 1.24 panics and drops
   * the connection (and with it the driver's pool) when two connections
   * create one collection's indexes at the same time.
   */
  private async makeOnce(customerId: string): Promise<void> {
    const registry = this.registry();
    try {
      await registry.insertOne({ _id: customerId, ready: false });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const deadline = Date.now() + SHELF_MAKING_TIMEOUT_MS;
      while (Date.now() < deadline) {
        if ((await registry.findOne({ _id: customerId }))?.ready) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      // Its maker died half-way: make it here (creating existing indexes again changes nothing).
    }
    // FerretDB reads through none of them (see ensureIndexes); it makes the collection on first write.
    if (!(await isFerretDb(this.connection)))
      await this.of(customerId).createIndexes(SHELF_INDEXES.map((key) => ({ key })));
    await registry.updateOne({ _id: customerId }, { $set: { ready: true } });
  }

  private registry() {
    return this.connection.db!.collection<{ _id: string; ready: boolean }>('shelf_registry');
  }

  /** A new version for the customer's shelf, after every change to it. */
  private async stamp(customerId: string): Promise<void> {
    await upsertRetried(() =>
      this.versions().updateOne(
        { _id: customerId },
        { $set: { version: randomUUID() } },
        { upsert: true },
      ),
    );
    this.versionsRead.forget(customerId); // this process reads its own change at once
  }

  private versions() {
    return this.connection.db!.collection<{ _id: string; version: string }>('shelf_versions');
  }
}
