import type { TenantScope } from '@portico/auth';
import { randomUUID } from 'node:crypto';
import { upsertRetried } from '@portico/mongo';
import { RecentReads, sharedWhileRunning } from '@portico/read-sharing';
import type { Connection } from 'mongoose';
import type { ShelvedDocument } from './customer-shelves';
import { JsonDocuments } from './json-documents';
import { outlastTrust, VERSION_TRUSTED_MS } from './version-trust';

/** What staff lists across customers filter, sort, page and total by; the rest is read by id. */
const COLUMNS = [
  'customerId',
  'type',
  'status',
  'number',
  'issueDate',
  'dueDate',
  'currency',
  'netMinor',
  'grossMinor',
  'paidMinor',
  'balanceMinor',
  'paymentState',
  'shared',
  'processorIds',
  'firstRetrievedAt',
  'lastRetrievedAt',
  'createdAt',
] as const satisfies readonly (keyof ShelvedDocument)[];
const DATE_COLUMNS = new Set<string>(['firstRetrievedAt', 'lastRetrievedAt', 'createdAt']);

export type LedgerRow = Pick<ShelvedDocument, '_id' | 'tenantId' | (typeof COLUMNS)[number]>;

// A tenant's rows are spread over this many buckets by document id: a change rewrites one bucket
// (about 400 rows at 100,000 documents), a cold read fetches each by `_id`.
const BUCKETS = 256;

// Rows kept in memory over all tenants (a row is about 300 bytes).
const KEPT_ROWS = 400_000;

// Documents written to the ledger at a time while building it.
const BUILD_BATCH = 100_000;

// Buckets read at once on a cold read.
const PARALLEL_READS = 16;

/** A bucket: per document id, its row's values in COLUMNS order (dates as milliseconds). */
type PackedRows = Record<string, unknown[]>;

/** Per bucket ("b<n>"), a new random version after every change to it. */
type BucketVersions = Record<string, string>;

interface Kept {
  buckets: Map<string, { version: string; rows: LedgerRow[] }>;
  /** Every row of the tenant: the same array while no bucket changes. */
  all: LedgerRow[];
}

/** A document as its ledger row's values. */
function packRow(document: ShelvedDocument): unknown[] {
  return COLUMNS.map((column) => {
    const value = document[column];
    return value instanceof Date ? value.getTime() : (value ?? null);
  });
}

function unpackRow(tenantId: string, documentId: string, values: unknown[]): LedgerRow {
  const row: Record<string, unknown> = { _id: documentId, tenantId };
  COLUMNS.forEach((column, index) => {
    const value = values[index] ?? null;
    row[column] = DATE_COLUMNS.has(column) && value !== null ? new Date(value as number) : value;
  });
  return row as LedgerRow;
}

/** The bucket a document's row lives in: fixed by its id, whatever else changes. */
function bucketOf(documentId: string): number {
  let hash = 0;
  for (let i = 0; i < documentId.length; i++)
    hash = (Math.imul(hash, 31) + documentId.charCodeAt(i)) >>> 0;
  return hash % BUCKETS;
}

const bucketId = (tenantId: string, bucket: number) => `${tenantId}/b${bucket}`;

/**
 * Per tenant, one small row per document: the read model behind staff lists
 * across customers (the back office's document list, overview and search).
 *
 * Why: FerretDB 1.24 (SQLite) pushes no filter but `_id` down, and decodes
 * each whole document it reads (80-150 µs), so a list over the `documents`
 * collection took 25-33 s at 100,000 documents. Here a tenant's rows are
 * spread over 256 buckets, each one JSON string read by `_id` (see
 * json-documents.ts), and listed in memory: filter, sort, page, count and
 * totals as on a customer's shelf. MongoDB could answer from its indexes
 * instead; the ledger keeps one code path, exact on both.
 *
 * Kept in step like the shelves (see customer-shelves.ts): the store writes
 * a document's row under its lock, then stamps the bucket's version in
 * `ledger_versions` (one document per tenant, read by `_id`) and waits out
 * the time a version read is trusted. A reader re-reads only the buckets
 * whose version changed.
 */
export class TenantLedger {
  private readonly kept = new Map<string, Kept>();
  private readonly reading = sharedWhileRunning<string, LedgerRow[]>();
  private readonly versionsRead: RecentReads<string, BucketVersions>;
  /** `<tenantId>/b<n>`: the rows of one bucket. */
  private readonly buckets: JsonDocuments<PackedRows>;
  /** Per tenant: its buckets' versions. */
  private readonly versions: JsonDocuments<BucketVersions>;

  constructor(
    private readonly connection: Connection,
    private readonly trustMs = VERSION_TRUSTED_MS,
  ) {
    this.buckets = new JsonDocuments(connection, 'ledger_buckets', () => ({}));
    this.versions = new JsonDocuments(connection, 'ledger_versions', () => ({}));
    this.versionsRead = new RecentReads({
      keepMs: trustMs,
      capacity: 1_000,
      now: () => performance.now(),
    });
  }

  /** Every row of a tenant: from memory while no bucket's version changed. */
  rows({ tenantId }: TenantScope): Promise<LedgerRow[]> {
    return this.reading(tenantId, () => this.read(tenantId));
  }

  /** Writes the document's row; returns once every replica reads it. */
  async put(document: ShelvedDocument): Promise<void> {
    const bucket = bucketOf(document._id);
    await this.buckets.change(bucketId(document.tenantId, bucket), (rows) => {
      rows[document._id] = packRow(document);
    });
    await this.stamp(document.tenantId, [bucket]);
    await outlastTrust(this.trustMs);
  }

  /** Takes the rows of erased documents out. */
  async remove({ tenantId }: TenantScope, documentIds: string[]): Promise<void> {
    const changed = await this.changeEach(tenantId, documentIds, (rows, documentId) => {
      delete rows[documentId];
    });
    if (changed.length === 0) return;
    await this.stamp(tenantId, changed);
    await outlastTrust(this.trustMs);
  }

  /** Writes many rows at once (building the ledger); stamps their buckets. */
  private async putMany(tenantId: string, documents: ShelvedDocument[]): Promise<void> {
    const changed = await this.changeEach(tenantId, documents, (rows, document) => {
      rows[document._id] = packRow(document);
    });
    if (changed.length > 0) await this.stamp(tenantId, changed);
  }

  /** `edit` for each item in its bucket (by document id), one write per bucket; the buckets changed. */
  private async changeEach<T extends string | { _id: string }>(
    tenantId: string,
    items: T[],
    edit: (rows: PackedRows, item: T) => void,
  ): Promise<number[]> {
    const byBucket = new Map<number, T[]>();
    for (const item of items) {
      const bucket = bucketOf(typeof item === 'string' ? item : item._id);
      const inBucket = byBucket.get(bucket) ?? [];
      inBucket.push(item);
      byBucket.set(bucket, inBucket);
    }
    for (const [bucket, inBucket] of byBucket)
      await this.buckets.change(bucketId(tenantId, bucket), (rows) =>
        inBucket.forEach((item) => edit(rows, item)),
      );
    return [...byBucket.keys()];
  }

  /**
   * Writes every document's row from `scan` unless the ledger was built
   * before (marked in `ledger_state`); returns how many rows it wrote.
   */
  async build(scan: () => AsyncIterable<ShelvedDocument>): Promise<number> {
    const state = this.connection.db!.collection<{ _id: string; at: Date }>('ledger_state');
    if (await state.findOne({ _id: 'built' })) return 0;
    let written = 0;
    let pending = new Map<string, ShelvedDocument[]>();
    const flush = async () => {
      for (const [tenantId, documents] of pending) await this.putMany(tenantId, documents);
      pending = new Map();
    };
    for await (const document of scan()) {
      const ofTenant = pending.get(document.tenantId) ?? [];
      ofTenant.push(document);
      pending.set(document.tenantId, ofTenant);
      if (++written % BUILD_BATCH === 0) await flush();
    }
    await flush();
    await upsertRetried(() =>
      state.updateOne({ _id: 'built' }, { $set: { at: new Date() } }, { upsert: true }),
    );
    return written;
  }

  private async read(tenantId: string): Promise<LedgerRow[]> {
    const versions = await this.versionsRead.get(
      tenantId,
      async () => (await this.versions.read(tenantId)) ?? {},
    );
    const known = this.kept.get(tenantId);
    this.kept.delete(tenantId); // re-inserted below: the map's order is least recently used first
    const stale = Object.entries(versions).filter(
      ([key, version]) => known?.buckets.get(key)?.version !== version,
    );
    if (known && stale.length === 0) {
      this.kept.set(tenantId, known);
      return known.all;
    }
    const buckets = new Map(known?.buckets);
    // Read after the versions: the rows are at least as new as the versions they are kept with.
    for (let start = 0; start < stale.length; start += PARALLEL_READS) {
      const batch = stale.slice(start, start + PARALLEL_READS);
      const read = await Promise.all(batch.map(([key]) => this.buckets.read(`${tenantId}/${key}`)));
      batch.forEach(([key, version], index) => {
        const rows = Object.entries(read[index] ?? {}).map(([documentId, values]) =>
          unpackRow(tenantId, documentId, values),
        );
        buckets.set(key, { version, rows });
      });
    }
    const kept = { buckets, all: [...buckets.values()].flatMap((bucket) => bucket.rows) };
    this.kept.set(tenantId, kept);
    this.forgetBeyondCapacity();
    return kept.all;
  }

  private forgetBeyondCapacity(): void {
    let rows = 0;
    for (const kept of this.kept.values()) rows += kept.all.length;
    for (const [tenantId, kept] of this.kept) {
      if (rows <= KEPT_ROWS || this.kept.size === 1) return;
      this.kept.delete(tenantId);
      rows -= kept.all.length;
    }
  }

  /** New versions for the tenant's changed buckets. */
  private async stamp(tenantId: string, changed: number[]): Promise<void> {
    await this.versions.change(tenantId, (versions) => {
      for (const bucket of changed) versions[`b${bucket}`] = randomUUID();
    });
    this.versionsRead.forget(tenantId); // this process reads its own change at once
  }
}
