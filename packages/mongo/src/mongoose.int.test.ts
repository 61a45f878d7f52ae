import { randomUUID } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import {
  connectMongo,
  ensureIndexes,
  isDatabaseUnavailable,
  isDuplicateKeyError,
  sumsByGroup,
  mongoAnswers,
  nextSequence,
  type Connection,
} from './index';

let connection: Connection;

beforeAll(async () => {
  connection = await connectMongo(process.env.MONGO_URL!, `t_mongo_${randomUUID().slice(0, 8)}`);
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

describe('mongoose on the configured MongoDB-compatible server', () => {
  interface Item {
    tenantId: string;
    number: string;
    amountMinor: number;
  }
  const Item = () =>
    connection.model<Item>(
      'Item',
      new Schema<Item>({ tenantId: String, number: String, amountMinor: Number }).index(
        { tenantId: 1, number: 1 },
        { unique: true }, // serves: find an item by its number within a tenant
      ),
    );

  it('answers a ping', async () => {
    expect(await mongoAnswers(connection)).toBe(true);
  });

  it('tells a database that does not answer from an error it answered with', async () => {
    // Port 9 (discard) on loopback: nothing listens there.
    const nowhere = mongoose.createConnection('mongodb://127.0.0.1:9/', {
      serverSelectionTimeoutMS: 300,
    });
    const unreachable = await nowhere.asPromise().catch((error: unknown) => error);
    await nowhere.close();
    expect(isDatabaseUnavailable(unreachable)).toBe(true);

    const answered = await connection
      .collection('ping_errors')
      .insertMany([{ _id: 'same' }, { _id: 'same' }] as never[])
      .catch((error: unknown) => error);
    expect(isDuplicateKeyError(answered)).toBe(true);
    expect(isDatabaseUnavailable(answered)).toBe(false);
  });

  it('inserts, rejects a duplicate on a unique index and finds with a sort', async () => {
    const model = Item();
    await ensureIndexes(connection);
    await model.create([
      { tenantId: 't1', number: 'B', amountMinor: 200 },
      { tenantId: 't1', number: 'A', amountMinor: 100 },
      { tenantId: 't2', number: 'A', amountMinor: 300 },
    ]);
    const duplicate = await model
      .create({ tenantId: 't1', number: 'A', amountMinor: 1 })
      .catch((error: unknown) => error);
    expect(isDuplicateKeyError(duplicate)).toBe(true);
    // Updates into a taken key, by both update paths (FerretDB reports them differently).
    const clash = { tenantId: 't1', number: 'B' };
    expect(
      isDuplicateKeyError(
        await model.updateOne(clash, { $set: { number: 'A' } }).catch((error: unknown) => error),
      ),
    ).toBe(true);
    expect(
      isDuplicateKeyError(
        await model
          .findOneAndUpdate(clash, { $set: { number: 'A' } }, { new: true })
          .catch((error: unknown) => error),
      ),
    ).toBe(true);

    const found = await model.find({ tenantId: 't1' }).sort({ number: 1 }).lean();
    expect(found.map((item) => [item.number, item.amountMinor])).toEqual([
      ['A', 100],
      ['B', 200],
    ]);
  });

  it('supports the array updates the outbox relies on ($push, $pullAll of exact values)', async () => {
    type Event = { id: string; data: { n: number; tags: string[] } };
    const box = connection.collection<{ _id: string; outbox: Event[] }>('boxes');
    const event = (id: string, n: number): Event => ({ id, data: { n, tags: ['a', 'b'] } });
    await box.insertOne({ _id: 'x', outbox: [] });
    await box.updateOne(
      { _id: 'x' },
      { $push: { outbox: { $each: [event('e1', 1), event('e2', 2), event('e3', 3)] } } },
    );
    expect(await box.countDocuments({ 'outbox.0': { $exists: true } })).toBe(1);

    const stored = (await box.findOne({ _id: 'x' }))!.outbox;
    await box.updateOne({ _id: 'x' }, { $pullAll: { outbox: [stored[0]!, stored[2]!] } });
    expect((await box.findOne({ _id: 'x' }))?.outbox).toEqual([event('e2', 2)]);
    await box.updateOne({ _id: 'x' }, { $pullAll: { outbox: [event('e2', 2)] } });
    expect(await box.countDocuments({ 'outbox.0': { $exists: true } })).toBe(0);
  });

  it('hands out sequence values without repeats or gaps under concurrency', async () => {
    await ensureIndexes(connection);
    const values = await Promise.all(
      Array.from({ length: 40 }, () => nextSequence(connection, 'tenant-1:invoice:2026')),
    );
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await nextSequence(connection, 'tenant-2:invoice:2026')).toBe(1);
  });

  it('lets exactly one of many concurrent inserts of the same _id win (the one atomic claim on FerretDB 1.24)', async () => {
    const claims = connection.collection<{ _id: string }>('claims');
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => claims.insertOne({ _id: 'once' })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(
      results
        .filter((result) => result.status === 'rejected')
        .every((result) => isDuplicateKeyError((result as PromiseRejectedResult).reason)),
    ).toBe(true);
  });

  it('sums per group with one accumulator per aggregation (FerretDB 1.24 computes only the first)', async () => {
    const model = connection.model<Item>('Item');
    await model.create([
      { tenantId: 'sum', number: 'S1', amountMinor: 7 },
      { tenantId: 'sum', number: 'S2', amountMinor: 8 },
      { tenantId: 'sum', number: 'S3', amountMinor: 100 },
    ]);
    const match = { $and: [{ tenantId: 'sum' }, { number: { $in: ['S1', 'S2'] } }] };
    const sums = await sumsByGroup(model.collection, match, 'tenantId', [
      'amountMinor',
      'amountMinor',
    ]);
    expect(sums.get('sum')).toEqual({ amountMinor: 15 });
    // The pitfall itself, so we notice when a FerretDB upgrade fixes it (or MongoDB is used).
    const [both] = await model.aggregate<{ first: number; second: number }>([
      { $match: match },
      { $group: { _id: null, first: { $sum: '$amountMinor' }, second: { $sum: '$amountMinor' } } },
    ]);
    expect(both!.first).toBe(15);
    expect([0, 15]).toContain(both!.second); // 0 on FerretDB 1.24, 15 on MongoDB
  });
});
