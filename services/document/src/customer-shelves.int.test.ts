import { NOTHING, scopedFilter, storedScope } from '@portico/auth';
import { insertInto, type TestDraft } from './testing/insert-document';
import { randomUUID } from 'node:crypto';
import { connectMongo, isFerretDb, type Connection } from '@portico/mongo';
import { CustomerShelves } from './customer-shelves';
import { listDocuments } from './document-listing';
import { documentsWithRepeatsAndNulls, pagedAndServerOrders } from './testing/sort-exactness';
import { DocumentStore } from './store';

let connection: Connection;
let store: DocumentStore;

beforeAll(async () => {
  connection = await connectMongo(process.env.MONGO_URL!, `t_shelves_${randomUUID().slice(0, 8)}`);
  store = new DocumentStore(connection);
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

const draft = (customerId: string, grossMinor = 100): TestDraft => ({
  _id: randomUUID(),
  tenantId: 't1',
  customerId,
  type: 'INVOICE',
  status: 'DRAFT',
  currency: 'EUR',
  exponent: 2,
  lines: [],
  netMinor: grossMinor,
  taxMinor: 0,
  grossMinor,
  createdBy: 'u1',
});

const shelfIds = async (customerId: string) =>
  (await store.shelves.of(customerId).find({}).toArray()).map((copy) => copy._id).sort();

describe('customer shelves', () => {
  it('hold a copy of every write of a customer’s documents, without the outbox', async () => {
    const customer = randomUUID();
    const created = await insertInto(store, draft(customer));
    await store.updateDocument(
      { _id: created._id, status: 'DRAFT' },
      { $set: { grossMinor: 250 }, $push: { outbox: { id: 'e1' } } },
    );
    const [copy] = await store.shelves.of(customer).find({}).toArray();
    expect(copy).toMatchObject({ _id: created._id, grossMinor: 250 });
    expect(copy).not.toHaveProperty('outbox');
    expect(copy).not.toHaveProperty('shelved');
    expect(await store.documents.findById(created._id).lean()).toMatchObject({ shelved: true });
  });

  it('are made once when two replicas write a new customer’s first documents at once', async () => {
    // A second process on the same database (FerretDB used to panic on concurrent index creation).
    const other = await connectMongo(process.env.MONGO_URL!, connection.name);
    try {
      const replica = new DocumentStore(other);
      const customer = randomUUID();
      const written = await Promise.all(
        [store, replica, store, replica].map((each) => insertInto(each, draft(customer))),
      );
      expect(await shelfIds(customer)).toEqual(written.map((document) => document._id).sort());
      // Its list orders are indexed where the database reads through indexes (not FerretDB).
      const indexes = (await store.shelves.of(customer).indexes()).map((index) => index.name);
      expect(indexes.sort()).toEqual(
        (await isFerretDb(connection))
          ? ['_id_']
          : ['_id_', 'createdAt_-1__id_-1', 'dueDate_1__id_1', 'issueDate_1__id_1'].sort(),
      );
    } finally {
      await other.close();
    }
  });

  it('update a document only while the condition beside its id holds', async () => {
    const created = await insertInto(store, draft(randomUUID()));
    const issue = () =>
      store.updateDocument(
        { _id: created._id, tenantId: 't1', status: 'DRAFT' },
        { $set: { status: 'ISSUED' } },
      );
    expect(await issue()).toMatchObject({ status: 'ISSUED' });
    expect(await issue()).toBeNull(); // no longer a draft
    expect(
      await store.updateDocument(
        { _id: created._id, tenantId: 'another-tenant' },
        { $set: { notes: 'x' } },
      ),
    ).toBeNull();
    expect(
      await store.updateDocument({ _id: 'missing', status: 'DRAFT' }, { $set: {} }),
    ).toBeNull();
  });

  it('move a draft from its old customer’s shelf to its new one', async () => {
    const [before, after] = [randomUUID(), randomUUID()];
    const created = await insertInto(store, draft(before));
    await store.updateDocument({ _id: created._id }, { $set: { customerId: after } }, before);
    expect(await shelfIds(before)).toEqual([]);
    expect(await shelfIds(after)).toEqual([created._id]);
  });

  it('are lists of one customer: a pinned list reads only that customer’s shelf', async () => {
    const [mine, theirs] = [randomUUID(), randomUUID()];
    const own = await insertInto(store, draft(mine, 100));
    await insertInto(store, draft(theirs, 999));
    const scope = scopedFilter(storedScope({ tenantId: 't1' }));
    const page = await listDocuments(
      store,
      { scope, tenant: storedScope({ tenantId: 't1' }), customerId: mine },
      {},
    );
    expect(page.edges.map((edge) => edge.node._id)).toEqual([own._id]);
    expect(page.totals()).toEqual([
      { currency: 'EUR', grossTotal: '1.00', paidTotal: '0.00', balanceDue: '0.00' },
    ]);
    // A filter for another customer on a pinned list finds nothing.
    const crossing = await listDocuments(
      store,
      {
        scope: scopedFilter(storedScope({ tenantId: 't1' }), { customerId: mine }),
        tenant: storedScope({ tenantId: 't1' }),
        customerId: mine,
      },
      { filter: { customerId: theirs } },
    );
    expect(crossing.edges).toEqual([]);
  });

  it('refuse a customer id that cannot name a collection, naming the field', async () => {
    await expect(
      listDocuments(
        store,
        { scope: NOTHING, tenant: null, customerId: null },
        { filter: { customerId: 'x.$cmd' } },
      ),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.customerId' });
  });

  it('are restocked at start with what a crash left off them', async () => {
    const customer = randomUUID();
    const created = await insertInto(store, draft(customer));
    // A crash after the document's write and before its copy's.
    await store.documents.updateOne(
      { _id: created._id },
      { $set: { grossMinor: 777, shelved: false } },
    );
    expect(await store.restock()).toBeGreaterThanOrEqual(1);
    const [copy] = await store.shelves.of(customer).find({}).toArray();
    expect(copy).toMatchObject({ grossMinor: 777 });
    expect(await store.documents.countDocuments({ shelved: false })).toBe(0);
  });

  it('are dropped with their customer, and dropping twice is fine', async () => {
    const customer = randomUUID();
    await insertInto(store, draft(customer));
    await store.shelves.drop(customer);
    await store.shelves.drop(customer);
    expect(await shelfIds(customer)).toEqual([]);
  });

  it('page in memory exactly as the database sorts, with repeats and nulls, for every sort field', async () => {
    const customer = randomUUID();
    for (const document of documentsWithRepeatsAndNulls((gross) => draft(customer, gross)))
      await insertInto(store, document);
    const viewer = {
      scope: scopedFilter(storedScope({ tenantId: 't1' })),
      tenant: storedScope({ tenantId: 't1' }),
      customerId: customer,
    };
    for (const { sort, walked, server } of await pagedAndServerOrders(
      store,
      viewer,
      store.shelves.of(customer),
      { tenantId: 't1' },
    ))
      expect({ sort, walked }).toEqual({ sort, walked: server });
  });

  it('are read from memory until the customer’s shelf changes', async () => {
    const customer = randomUUID();
    const listed = async () =>
      (
        await listDocuments(
          store,
          {
            scope: scopedFilter(storedScope({ tenantId: 't1' })),
            tenant: storedScope({ tenantId: 't1' }),
            customerId: customer,
          },
          {},
        )
      ).edges.map((edge) => edge.node._id);
    const one = await insertInto(store, draft(customer, 100));
    const first = await store.shelves.contents(customer);
    expect(await store.shelves.contents(customer)).toBe(first); // the same array: not read again
    expect([await listed(), await listed()]).toEqual([[one._id], [one._id]]);
    const second = await insertInto(store, draft(customer, 200));
    // The list kept for the old contents is not the answer any more.
    expect(await listed()).toEqual([second._id, one._id]);
    const after = await store.shelves.contents(customer);
    expect(after.map((row) => row._id)).toContain(second._id);
    // Totals and counts come from the same contents.
    const page = await listDocuments(
      store,
      {
        scope: scopedFilter(storedScope({ tenantId: 't1' })),
        tenant: storedScope({ tenantId: 't1' }),
        customerId: customer,
      },
      {},
    );
    expect(page.totalCount()).toBe(2);
    expect(page.totals()).toEqual([
      { currency: 'EUR', grossTotal: '3.00', paidTotal: '0.00', balanceDue: '0.00' },
    ]);
  });

  describe('taking a version read as current for a while', () => {
    const TRUST_MS = 500;

    it('still answer a change on every replica once the change has returned', async () => {
      const customer = randomUUID();
      const created = await insertInto(store, draft(customer, 100));
      // Two replicas that trust a version they read for TRUST_MS.
      const writer = new CustomerShelves(connection, TRUST_MS);
      const reader = new CustomerShelves(connection, TRUST_MS);
      expect((await reader.contents(customer)).map((row) => row.grossMinor)).toEqual([100]);
      await writer.put({ ...created, grossMinor: 300 });
      // The reader read the old version less than TRUST_MS ago; the change waited that out.
      expect((await reader.contents(customer)).map((row) => row.grossMinor)).toEqual([300]);
    });

    it('read nothing within that time, and read again after it', async () => {
      const customer = randomUUID();
      const created = await insertInto(store, draft(customer, 100));
      const reader = new CustomerShelves(connection, TRUST_MS);
      const first = await reader.contents(customer);
      // A change written behind the shelves' back (no wait): unseen until the trust ends.
      await store.shelves.of(customer).updateOne({ _id: created._id }, { $set: { grossMinor: 7 } });
      await connection
        .db!.collection<{ _id: string; version: string }>('shelf_versions')
        .updateOne({ _id: customer }, { $set: { version: randomUUID() } });
      expect(await reader.contents(customer)).toBe(first);
      await new Promise((resolve) => setTimeout(resolve, TRUST_MS));
      expect((await reader.contents(customer)).map((row) => row.grossMinor)).toEqual([7]);
    });
  });
});
