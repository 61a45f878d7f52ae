import { randomUUID } from 'node:crypto';
import { connectMongo, type Connection } from '@portico/mongo';
import { listDocuments, type DocumentSort } from './document-listing';
import { DocumentStore, type NewDocument } from './store';
import { TenantLedger } from './tenant-ledger';

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

const draft = (tenantId: string, customerId: string, grossMinor = 100): NewDocument => ({
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
const staffOf = (tenantId: string) => ({ scope: { tenantId }, tenantId, customerId: null });

const listedIds = async (tenantId: string, args: Parameters<typeof listDocuments>[2] = {}) =>
  (await listDocuments(store, staffOf(tenantId), args)).edges.map((edge) => edge.node._id);

describe('the tenant ledger behind staff lists across customers', () => {
  it('lists every customer’s documents of the tenant, whole, and none of another tenant', async () => {
    const [tenant, other] = [randomUUID(), randomUUID()];
    const a = await store.insertDocument(draft(tenant, randomUUID(), 100));
    const b = await store.insertDocument(draft(tenant, randomUUID(), 200));
    await store.insertDocument(draft(other, randomUUID(), 999));
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
    const document = await store.insertDocument(draft(tenant, mine, 500));
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
      scope: { tenantId: tenant, $or: [{ customerId: { $in: [mine] } }, { processorIds: 's1' }] },
      tenantId: tenant,
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
    const values = [
      { due: null, gross: 500, seen: null, number: null },
      { due: '2026-01-02', gross: 300, seen: new Date('2026-02-01'), number: 'B-2' },
      { due: '2026-01-01', gross: 500, seen: null, number: 'A-1' },
      { due: null, gross: 100, seen: new Date('2026-02-01'), number: 'C-3' },
      { due: '2026-01-02', gross: 300, seen: new Date('2026-01-15'), number: 'A-1' },
      { due: '2026-01-03', gross: -50, seen: null, number: null },
      { due: '2026-01-01', gross: 500, seen: new Date('2026-02-01'), number: 'B-2' },
    ];
    for (const [i, value] of values.entries())
      await store.insertDocument({
        ...draft(tenant, `c${i % 3}`, value.gross),
        currency: i % 2 ? 'EUR' : 'JPY',
        type: i % 3 ? 'INVOICE' : 'CREDIT_NOTE',
        dueDate: value.due,
        issueDate: value.due,
        number: value.number,
        paidMinor: i * 10,
        balanceMinor: value.gross - i * 10,
        lastRetrievedAt: value.seen,
        firstRetrievedAt: value.seen,
      });
    const sorts: [DocumentSort['field'], string][] = [
      ['NUMBER', 'number'],
      ['ISSUE_DATE', 'issueDate'],
      ['DUE_DATE', 'dueDate'],
      ['TYPE', 'type'],
      ['CURRENCY', 'currency'],
      ['NET_TOTAL', 'netMinor'],
      ['GROSS_TOTAL', 'grossMinor'],
      ['PAID_TOTAL', 'paidMinor'],
      ['BALANCE_DUE', 'balanceMinor'],
      ['RETRIEVED_AT', 'lastRetrievedAt'],
    ];
    for (const [field, stored] of sorts)
      for (const direction of ['ASC', 'DESC'] as const) {
        const order = direction === 'ASC' ? 1 : -1;
        const expected = (
          await store
            .allDocuments()
            .find({ tenantId: tenant })
            .sort({ [stored]: order, _id: order })
            .toArray()
        ).map((row) => row._id);
        const walked: string[] = [];
        let after: string | null = null;
        for (let pages = 0; pages < 10; pages++) {
          const page = await listDocuments(store, staffOf(tenant), {
            first: 2,
            after,
            sort: { field, direction },
          });
          walked.push(...page.edges.map((edge) => edge.node._id));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect({ field, direction, walked }).toEqual({ field, direction, walked: expected });
      }
  });

  it('keeps every row when many documents of one tenant are written at once', async () => {
    const tenant = randomUUID();
    const written = await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.insertDocument(draft(tenant, `c${i % 4}`, i + 1))),
    );
    const page = await listDocuments(store, staffOf(tenant), { first: 100 });
    expect(page.totalCount()).toBe(40);
    expect(page.edges.map((edge) => edge.node._id).sort()).toEqual(
      written.map((document) => document._id).sort(),
    );
  });

  it('is read from memory until one of the tenant’s buckets changes', async () => {
    const tenant = randomUUID();
    await store.insertDocument(draft(tenant, randomUUID()));
    const first = await store.ledger.rows(tenant);
    expect(await store.ledger.rows(tenant)).toBe(first); // the same array: not read again
    const second = await store.insertDocument(draft(tenant, randomUUID()));
    const after = await store.ledger.rows(tenant);
    expect(after).not.toBe(first);
    expect(after.map((row) => row._id)).toContain(second._id);
  });

  it('answers a change on another replica once the change has returned', async () => {
    const TRUST_MS = 500;
    const tenant = randomUUID();
    const created = await store.insertDocument(draft(tenant, randomUUID(), 100));
    const writer = new TenantLedger(connection, TRUST_MS);
    const reader = new TenantLedger(connection, TRUST_MS);
    expect((await reader.rows(tenant)).map((row) => row.grossMinor)).toEqual([100]);
    await writer.put({ ...created, grossMinor: 300 });
    // The reader read the old versions less than TRUST_MS ago; the change waited that out.
    expect((await reader.rows(tenant)).map((row) => row.grossMinor)).toEqual([300]);
  });

  it('takes erased documents out', async () => {
    const tenant = randomUUID();
    const [kept, erased] = [
      await store.insertDocument(draft(tenant, randomUUID())),
      await store.insertDocument(draft(tenant, randomUUID())),
    ];
    await store.ledger.remove(tenant, [erased._id]);
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
