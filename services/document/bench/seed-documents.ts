import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
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

/**
 * Inserts `count` issued invoices spread over `customers` straight into the
 * document service's database, with their shelf copies and ledger rows, as
 * the service keeps them (bench:documents, bench:web). Its own function, so
 * the seed data is garbage before the timing starts (a large heap in the
 * client would inflate its own latencies).
 */
export async function seedDocuments(
  connection: mongoose.Connection,
  {
    tenantId,
    customers,
    createdBy,
    count,
  }: { tenantId: string; customers: string[]; createdBy: string; count: number },
): Promise<void> {
  const db = connection.db!;
  const seedStarted = performance.now();
  const states = ['UNPAID', 'UNPAID', 'PAID', 'PARTIALLY_PAID'] as const;
  const shelves = new Map<string, object[]>();
  for (let batch = 0; batch < count; batch += 2_000) {
    const docs = Array.from({ length: Math.min(2_000, count - batch) }, (_, j) => {
      const n = batch + j + 1;
      const gross = 1_000 + (n % 997) * 100;
      const state = states[n % states.length]!;
      const paid =
        state === 'PAID' ? gross : state === 'PARTIALLY_PAID' ? Math.floor(gross / 2) : 0;
      const day = new Date(Date.UTC(2025, 0, 1) + (n % 700) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const due = new Date(Date.UTC(2025, 0, 15) + (n % 700) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      return {
        _id: randomUUID(),
        tenantId,
        customerId: customers[n % customers.length]!,
        type: 'INVOICE',
        status: state === 'UNPAID' ? 'ISSUED' : state,
        number: `INV-2025-${String(n).padStart(6, '0')}`,
        issueDate: day,
        dueDate: due,
        currency: 'EUR',
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
        balanceMinor: gross - paid,
        paymentState: state,
        payments: [],
        shared: true,
        processorIds: [],
        firstRetrievedAt: null,
        lastRetrievedAt: null,
        project: null,
        notes: null,
        billTo: null,
        voidReason: null,
        createdBy,
        createdAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000),
        issuedAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000),
        shelved: true,
        outbox: [],
      };
    });
    await db.collection('documents').insertMany(docs as never[]);
    for (const { outbox: _outbox, shelved: _shelved, ...copy } of docs) {
      const shelf = shelves.get(copy.customerId) ?? [];
      shelf.push(copy);
      shelves.set(copy.customerId, shelf);
    }
  }
  // Each customer's shelf holds its copies (see src/customer-shelves.ts).
  for (const [customerId, copies] of shelves)
    await db.collection(`shelf_${customerId}`).insertMany(copies as never[]);
  // And each its row in the tenant's ledger (see src/tenant-ledger.ts), written as the service
  // writes them for a database from before the ledger.
  await db.collection('ledger_state').deleteOne({ _id: 'built' as never });
  await new TenantLedger(connection).build(async function* () {
    for (const copies of shelves.values()) yield* copies as never[];
  });
  console.log(
    `seeded ${count} documents over ${customers.length} customers in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
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
