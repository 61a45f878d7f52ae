import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { DOCUMENT_TYPES } from '@portico/events';
import { PAYABLE_TYPES } from '../src/model/document';
import { TenantLedger } from '../src/tenant-ledger';

/** Customers known to the document service only (its replicas): enough for lists to name them. */
export async function seedCustomers(
  connection: mongoose.Connection,
  tenantId: string,
  count: number,
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await connection.db!.collection('customer_replicas').insertMany(
    ids.map((id, i) => ({
      _id: id as never,
      tenantId,
      number: `C-${String(i + 2).padStart(5, '0')}`,
      displayName: `Customer ${i + 2}`,
      email: null,
      administratorIds: [],
    })),
  );
  return ids;
}

/** What a load test acts on, per customer: a few of its documents, its open estimates, its unpaid bills. */
export interface SeededCustomer {
  documents: string[];
  openEstimates: string[];
  unpaid: string[];
}

const CURRENCIES = ['EUR', 'USD', 'CHF', 'GBP'] as const;
const STATES = ['UNPAID', 'UNPAID', 'PAID', 'PARTIALLY_PAID'] as const;
const ESTIMATE_STATUSES = ['ISSUED', 'ISSUED', 'ACCEPTED', 'DECLINED'] as const;
const dayAfter = (start: number, days: number) =>
  new Date(start + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The n-th seeded document: an EUR invoice, or with `everyType` each type,
 * currency and payment state in turn (credit notes negative, estimates open,
 * accepted or declined, paid ones with their payment).
 */
function seededDocument(n: number, { tenantId, customers, createdBy, everyType }: SeedOptions) {
  const type = everyType ? DOCUMENT_TYPES[n % DOCUMENT_TYPES.length]! : 'INVOICE';
  const payable = PAYABLE_TYPES.includes(type);
  const gross = (type === 'CREDIT_NOTE' ? -1 : 1) * (1_000 + (n % 997) * 100);
  const state = STATES[n % STATES.length]!;
  const paid = !payable
    ? 0
    : state === 'PAID'
      ? gross
      : state === 'PARTIALLY_PAID'
        ? Math.trunc(gross / 2)
        : 0;
  const issuedAt = new Date(Date.UTC(2025, 0, 1) + n * 60_000);
  const status = !payable
    ? type === 'ESTIMATE'
      ? ESTIMATE_STATUSES[n % ESTIMATE_STATUSES.length]!
      : 'ISSUED'
    : state === 'UNPAID'
      ? 'ISSUED'
      : state;
  return {
    _id: randomUUID(),
    tenantId,
    customerId: customers[n % customers.length]!,
    type,
    status,
    number: `${type.slice(0, 3)}-2025-${String(n).padStart(6, '0')}`,
    issueDate: dayAfter(Date.UTC(2025, 0, 1), n % 700),
    dueDate: dayAfter(Date.UTC(2025, 0, 15), n % 700),
    currency: everyType
      ? CURRENCIES[Math.floor(n / DOCUMENT_TYPES.length) % CURRENCIES.length]!
      : 'EUR',
    exponent: 2,
    lines: [
      {
        description: 'Service',
        quantity: '1',
        unitPrice: '1',
        taxRate: '19',
        netMinor: gross,
        taxMinor: 0,
        grossMinor: gross,
      },
    ],
    netMinor: gross,
    taxMinor: 0,
    grossMinor: gross,
    paidMinor: paid,
    balanceMinor: payable ? gross - paid : 0,
    paymentState: payable ? state : null,
    payments: paid
      ? [
          {
            _id: randomUUID(),
            amountMinor: paid,
            date: dayAfter(Date.UTC(2025, 0, 20), n % 700),
            method: 'bank transfer',
            reference: null,
            recordedBy: createdBy,
            recordedAt: issuedAt,
          },
        ]
      : [],
    shared: true,
    processorIds: [],
    firstRetrievedAt: null,
    lastRetrievedAt: null,
    project: null,
    notes: null,
    billTo: null,
    voidReason: null,
    createdBy,
    createdAt: issuedAt,
    issuedAt,
    shelved: true,
    outbox: [],
  };
}

interface SeedOptions {
  tenantId: string;
  customers: string[];
  createdBy: string;
  count: number;
  /** Every type, currency and payment state, and a staff comment on every tenth document. */
  everyType?: boolean;
}

/**
 * Inserts `count` issued documents spread over `customers` straight into the
 * document service's database, with their shelf copies and ledger rows, as
 * the service keeps them (bench:documents, bench:web, bench:load). Its own
 * function, so the seed data is garbage before the timing starts (a large
 * heap in the client would inflate its own latencies); it returns a few ids
 * per customer for a load test to act on.
 */
export async function seedDocuments(
  connection: mongoose.Connection,
  options: SeedOptions,
): Promise<Map<string, SeededCustomer>> {
  const { tenantId, customers, createdBy, count } = options;
  const db = connection.db!;
  const seedStarted = performance.now();
  const shelves = new Map<string, object[]>();
  const seeded = new Map<string, SeededCustomer>(
    customers.map((id) => [id, { documents: [], openEstimates: [], unpaid: [] }]),
  );
  for (let batch = 0; batch < count; batch += 2_000) {
    const docs = Array.from({ length: Math.min(2_000, count - batch) }, (_, j) =>
      seededDocument(batch + j + 1, options),
    );
    await db.collection('documents').insertMany(docs as never[]);
    if (options.everyType)
      await db.collection('document_comments').insertMany(
        docs
          .filter((_, j) => j % 10 === 0)
          .map((doc) => ({
            _id: randomUUID() as never,
            tenantId,
            documentId: doc._id,
            customerId: doc.customerId,
            authorId: createdBy,
            authorKind: 'STAFF',
            body: `About ${doc.number}: thank you for your business.`,
            createdAt: doc.issuedAt,
            outbox: [],
          })),
      );
    for (const { outbox: _outbox, shelved: _shelved, ...copy } of docs) {
      const shelf = shelves.get(copy.customerId) ?? [];
      shelf.push(copy);
      shelves.set(copy.customerId, shelf);
      const kept = seeded.get(copy.customerId)!;
      if (kept.documents.length < 20) kept.documents.push(copy._id);
      if (copy.type === 'ESTIMATE' && copy.status === 'ISSUED') kept.openEstimates.push(copy._id);
      if (copy.paymentState === 'UNPAID' && copy.grossMinor > 0) kept.unpaid.push(copy._id);
    }
  }
  // Each customer's shelf holds its copies (see src/customer-shelves.ts).
  for (const [customerId, copies] of shelves)
    await db.collection(`shelf_${customerId}`).insertMany(copies as never[]);
  // And each its row in the tenant's ledger (see src/tenant-ledger.ts), written as the service
  // writes them for a database from before the ledger; other tenants' rows stay as they are.
  await db.collection('ledger_state').deleteOne({ _id: 'built' as never });
  await new TenantLedger(connection).build(async function* () {
    for (const copies of shelves.values()) yield* copies as never[];
  });
  console.log(
    `seeded ${count} documents over ${customers.length} customers in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  return seeded;
}

/** The tenant a session's access token belongs to. */
export function tenantOf(accessToken: string): string {
  return (
    JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { tid: string }
  ).tid;
}

/** Runs `work` on the document service's database of the running platform (MONGO_URL). */
export async function withDocumentDatabase<T>(
  work: (connection: mongoose.Connection) => Promise<T>,
): Promise<T> {
  const connection = await mongoose
    .createConnection(process.env.MONGO_URL!, { dbName: 'portico_document' })
    .asPromise();
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}
