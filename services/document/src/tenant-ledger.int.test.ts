import { scopedFilter, storedScope } from '@portico/auth';
import { insertInto, type TestDraft } from './testing/insert-document';
import { randomUUID } from 'node:crypto';
import { connectMongo, type Connection } from '@portico/mongo';
import { listDocuments } from './document-listing';
import { DocumentStore } from './store';
import { TenantLedger } from './tenant-ledger';
import { documentsWithRepeatsAndNulls, pagedAndServerOrders } from './testing/sort-exactness';

let connection: Connection;
let store: DocumentStore;

beforeAll(async () => {
  connection = await connectMongo(process.env.MONGO_URL!, `t_ledger_${randomUUID().slice(0, 8)}`);
  store = new DocumentStore(connection);
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

const draft = (tenantId: string, customerId: string, grossMinor = 100): TestDraft => ({
  _id: randomUUID(),
  tenantId,
  customerId,
  type: 'INVOICE',
  status: 'DRAFT',
  currency: 'EUR',
  exponent: 2,
  lines: [
    {
      description: 'Service',
      quantity: '1',
      unitPrice: '1',
      taxRate: '0',
      netMinor: grossMinor,
      taxMinor: 0,
      grossMinor,
    },
  ],
  netMinor: grossMinor,
  taxMinor: 0,
  grossMinor,
  balanceMinor: grossMinor,
  createdBy: 'u1',
});

/** A staff viewer of the whole tenant (an owner or admin). */
const staffOf = (tenantId: string) => ({
  scope: scopedFilter(storedScope({ tenantId })),
  tenant: storedScope({ tenantId }),
  customerId: null,
});

const listedIds = async (tenantId: string, args: Parameters<typeof listDocuments>[2] = {}) =>
  (await listDocuments(store, staffOf(tenantId), args)).edges.map((edge) => edge.node._id);

describe('the tenant ledger behind staff lists across customers', () => {
  it('lists every customer’s documents of the tenant, whole, and none of another tenant', async () => {
    const [tenant, other] = [randomUUID(), randomUUID()];
    const a = await insertInto(store, draft(tenant, randomUUID(), 100));
    const b = await insertInto(store, draft(tenant, randomUUID(), 200));
    await insertInto(store, draft(other, randomUUID(), 999));
    const page = await listDocuments(store, staffOf(tenant), {});
    expect(page.edges.map((edge) => edge.node._id)).toEqual([b._id, a._id]);
    // The page is the documents themselves, lines included, not the ledger's rows.
    expect(page.edges[0]!.node.lines).toHaveLength(1);
    expect(page.totalCount()).toBe(2);
    expect(page.totals()).toEqual([
      { currency: 'EUR', grossTotal: '3.00', paidTotal: '0.00', balanceDue: '3.00' },
    ]);
  });

  it('follows every write: status, payment, customer, and a SPECIALIST’s scope', async () => {
    const tenant = randomUUID();
    const [mine, theirs] = [randomUUID(), randomUUID()];
    const document = await insertInto(store, draft(tenant, mine, 500));
    expect(await listedIds(tenant, { filter: { statuses: ['ISSUED'] } })).toEqual([]);
    await store.updateDocument(
      { _id: document._id },
      {
        $set: {
          status: 'PARTIALLY_PAID',
          paymentState: 'PARTIALLY_PAID',
          paidMinor: 200,
          balanceMinor: 300,
        },
      },
    );
    expect(await listedIds(tenant, { filter: { statuses: ['PARTIALLY_PAID'] } })).toEqual([
      document._id,
    ]);
    expect((await listDocuments(store, staffOf(tenant), {})).totals()).toEqual([
      { currency: 'EUR', grossTotal: '5.00', paidTotal: '2.00', balanceDue: '3.00' },
    ]);
    // A SPECIALIST who administers `mine` sees it until it moves to `theirs`.
    const specialist = {
      scope: scopedFilter(storedScope({ tenantId: tenant }), {
        $or: [{ customerId: { $in: [mine] } }, { processorIds: 's1' }],
      }),
      tenant: storedScope({ tenantId: tenant }),
      customerId: null,
    };
    const seenBySpecialist = async () =>
      (await listDocuments(store, specialist, {})).edges.map((edge) => edge.node._id);
    expect(await seenBySpecialist()).toEqual([document._id]);
    await store.updateDocument({ _id: document._id }, { $set: { customerId: theirs } }, mine);
    expect(await seenBySpecialist()).toEqual([]);
    await store.updateDocument({ _id: document._id }, { $set: { processorIds: ['s1'] } });
    expect(await seenBySpecialist()).toEqual([document._id]);
  });

  it('pages exactly as the database sorts `documents`, for every sort field', async () => {
    const tenant = randomUUID();
    const documents = documentsWithRepeatsAndNulls((gross, i) => draft(tenant, `c${i % 3}`, gross));
    for (const document of documents) await insertInto(store, document);
    for (const { sort, walked, server } of await pagedAndServerOrders(
      store,
      staffOf(tenant),
      store.allDocuments(),
      { tenantId: tenant },
    ))
      expect({ sort, walked }).toEqual({ sort, walked: server });
  });

  it('keeps every row when many documents of one tenant are written at once', async () => {
    const tenant = randomUUID();
    const written = await Promise.all(
      Array.from({ length: 40 }, (_, i) => insertInto(store, draft(tenant, `c${i % 4}`, i + 1))),
    );
    const page = await listDocuments(store, staffOf(tenant), { first: 100 });
    expect(page.totalCount()).toBe(40);
    expect(page.edges.map((edge) => edge.node._id).sort()).toEqual(
      written.map((document) => document._id).sort(),
    );
  });

  it('is read from memory until one of the tenant’s buckets changes', async () => {
    const tenant = randomUUID();
    await insertInto(store, draft(tenant, randomUUID()));
    const first = await store.ledger.rows(storedScope({ tenantId: tenant }));
    expect(await store.ledger.rows(storedScope({ tenantId: tenant }))).toBe(first); // the same array: not read again
    const second = await insertInto(store, draft(tenant, randomUUID()));
    const after = await store.ledger.rows(storedScope({ tenantId: tenant }));
    expect(after).not.toBe(first);
    expect(after.map((row) => row._id)).toContain(second._id);
  });

  it('answers a change on another replica once the change has returned', async () => {
    const TRUST_MS = 500;
    const tenant = randomUUID();
    const created = await insertInto(store, draft(tenant, randomUUID(), 100));
    const writer = new TenantLedger(connection, TRUST_MS);
    const reader = new TenantLedger(connection, TRUST_MS);
    expect(
      (await reader.rows(storedScope({ tenantId: tenant }))).map((row) => row.grossMinor),
    ).toEqual([100]);
    await writer.put({ ...created, grossMinor: 300 });
    // The reader read the old versions less than TRUST_MS ago; the change waited that out.
    expect(
      (await reader.rows(storedScope({ tenantId: tenant }))).map((row) => row.grossMinor),
    ).toEqual([300]);
  });

  it('takes erased documents out', async () => {
    const tenant = randomUUID();
    const [kept, erased] = [
      await insertInto(store, draft(tenant, randomUUID())),
      await insertInto(store, draft(tenant, randomUUID())),
    ];
    await store.ledger.remove(storedScope({ tenantId: tenant }), [erased._id]);
    expect(await listedIds(tenant)).toEqual([kept._id]);
  });

  it('is built once from `documents` for a database from before it', async () => {
    const tenant = randomUUID();
    // Documents written before the ledger existed: straight into the collection.
    const old = [draft(tenant, 'c1', 100), draft(tenant, 'c2', 250)].map((document) => ({
      ...document,
      status: 'ISSUED',
      paidMinor: 0,
      paymentState: 'UNPAID',
      shared: true,
      processorIds: [],
      number: null,
      issueDate: null,
      dueDate: null,
      firstRetrievedAt: null,
      lastRetrievedAt: null,
      createdAt: new Date(),
      shelved: true,
      outbox: [],
    }));
    await store.allDocuments().insertMany(old as never[]);
    await connection.collection('ledger_state').deleteMany({});
    expect(await listedIds(tenant)).toEqual([]);
    expect(await store.buildLedger()).toBeGreaterThanOrEqual(2);
    expect((await listedIds(tenant)).sort()).toEqual(old.map((document) => document._id).sort());
    expect(await store.buildLedger()).toBe(0); // once
  });
});
