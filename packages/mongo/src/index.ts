import mongoose, { mongo, type Connection } from 'mongoose';

export type { Connection };
import { countCommands } from './command-metrics';
import { inTurn } from './in-turn';

export { inTurn };

/**
 * Opens `dbName` on the server at `url`. Each service owns its database and
 * never opens another's. Works with MongoDB 7 and FerretDB 1.24: nothing here
 * relies on sessions, transactions or change streams.
 */
export async function connectMongo(url: string, dbName: string): Promise<Connection> {
  // Mongoose keeps every query's stack as text, for a "query was already executed" error we never
  // cause. With source maps on (tsx), formatting it was about a quarter of a subgraph's CPU.
  mongoose.set('skipOriginalStackTraces', true);
  const connection = mongoose.createConnection(url, {
    dbName,
    // Index builds are explicit (ensureIndexes) so start-up order is predictable.
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 20,
    monitorCommands: true,
  });
  countCommands(connection);
  await connection.asPromise();
  return connection;
}

/**
 * Builds the indexes every model of the connection declares, and the
 * sequence indexes. On FerretDB only the unique ones: it reads through no
 * index but `_id` (see isFerretDb), while each index costs a parse of the
 * whole document on every write; unique indexes still keep the data right.
 */
export async function ensureIndexes(connection: Connection): Promise<void> {
  const uniqueOnly = await isFerretDb(connection);
  for (const model of Object.values(connection.models)) {
    if (!uniqueOnly) {
      await model.createIndexes();
      continue;
    }
    for (const [fields, options] of model.schema.indexes())
      if (options.unique)
        await model.collection.createIndex(
          fields as mongo.IndexSpecification,
          options as mongo.CreateIndexesOptions,
        );
  }
  if (!uniqueOnly) await ensureSequenceIndex(connection);
}

/**
 * True on FerretDB (1.24, SQLite): it pushes a query down to its storage only
 * when the filter is exactly `{ _id }` (any other filter reads the whole
 * collection), and it does not isolate concurrent updates of one document.
 * Asked of the server once per connection.
 */
export function isFerretDb(connection: Connection): Promise<boolean> {
  let answer = ferretDb.get(connection);
  if (!answer) {
    answer = connection
      .db!.admin()
      .command({ buildInfo: 1 })
      .then((info) => 'ferretdbVersion' in info);
    ferretDb.set(connection, answer);
    answer.catch(() => ferretDb.delete(connection)); // asked again next time
  }
  return answer;
}

// Per connection: whether its server is FerretDB, asked once.
const ferretDb = new WeakMap<Connection, Promise<boolean>>();

/** Readiness probe: true when the server answers a ping. */
export async function mongoAnswers(connection: Connection): Promise<boolean> {
  try {
    await connection.db?.admin().ping();
    return connection.readyState === 1;
  } catch {
    return false;
  }
}

/**
 * True when the database did not answer (unreachable, connection dropped, its
 * pool cleared): worth trying again later, unlike an error it answered with.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return (
    // A cleared pool's error is a MongoNetworkError too; mongoose wraps a failed first connect.
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongoose.Error.MongooseServerSelectionError
  );
}

/**
 * True for a duplicate-key error: code 11000 on MongoDB and on FerretDB's
 * inserts and updates; FerretDB 1.24's findAndModify reports it as code 1
 * with SQLite's "UNIQUE constraint failed" instead.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === 11000 ||
    (code === 1 && typeof message === 'string' && message.includes('UNIQUE constraint failed'))
  );
}

/**
 * Runs an upsert by `_id`, once more when it lost to a concurrent first
 * upsert of the same `_id` (both tried to insert; the document exists now).
 */
export async function upsertRetried<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return upsert();
  }
}

/**
 * Next value of a named sequence (1, 2, 3, ... without gaps or repeats), safe
 * across replicas and on every backend. Each value is claimed by inserting a
 * document with a unique _id: on FerretDB 1.24 that is the only write that is
 * atomic under concurrency ($inc in findOneAndUpdate loses updates there).
 */
export async function nextSequence(
  connection: Connection,
  key: string,
  /** Who takes the value (e.g. a document id), so a retry after a crash finds it again. */
  owner: string | null = null,
): Promise<number> {
  // One claim per key at a time in this process, starting after the last value
  // it knows: no collisions, and no scan for the last value, unless another
  // replica claimed values meanwhile (then the inserts find the next free one).
  return inTurn(`sequence/${key}`, async () => {
    const claims = sequenceClaims(connection);
    const known = lastClaimed.get(connection) ?? new Map<string, number>();
    lastClaimed.set(connection, known);
    let n = known.get(key);
    if (n === undefined) {
      const last = await claims
        .find({ key }, { projection: { n: 1 } })
        .sort({ n: -1 })
        .limit(1)
        .next();
      n = last?.n ?? 0;
    }
    for (let tries = 0; tries < 1000; tries++) {
      n++;
      try {
        await claims.insertOne({ _id: `${key}#${n}`, key, n, owner });
        known.set(key, n);
        return n;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    throw new Error(`sequence ${key}: no free value after 1000 tries`);
  });
}

// The last value this process claimed per database and sequence key.
const lastClaimed = new WeakMap<Connection, Map<string, number>>();

/** The value `owner` took from the sequence, if any. */
export async function findSequenceValue(
  connection: Connection,
  key: string,
  owner: string,
): Promise<number | null> {
  const claim = await sequenceClaims(connection).findOne({ key, owner });
  return claim?.n ?? null;
}

const sequenceClaims = (connection: Connection) =>
  connection.collection<{ _id: string; key: string; n: number; owner: string | null }>(
    'sequence_claims',
  );

/** Serves nextSequence's lookup of a sequence's last value, and the lookup by owner. */
export async function ensureSequenceIndex(connection: Connection): Promise<void> {
  await connection.collection('sequence_claims').createIndex({ key: 1, n: -1 });
  await connection.collection('sequence_claims').createIndex({ key: 1, owner: 1 });
}

/** A driver collection (or anything that aggregates like one). */
export interface Aggregating {
  aggregate(pipeline: object[]): { toArray(): Promise<unknown[]> };
}

/**
 * Sums of `fields` per value of `groupBy` over the documents matching
 * `match`. One aggregation per field: FerretDB 1.24 computes only the first
 * accumulator of a `$group` (the others come back 0), so each `$group` here
 * has exactly one.
 */
export async function sumsByGroup<F extends string>(
  collection: Aggregating,
  match: object,
  groupBy: string,
  fields: readonly F[],
): Promise<Map<string, Record<F, number>>> {
  const perField = await Promise.all(
    fields.map(async (field) => {
      const rows = (await collection
        .aggregate([
          { $match: match },
          { $group: { _id: `$${groupBy}`, total: { $sum: `$${field}` } } },
        ])
        .toArray()) as { _id: string; total: number }[];
      return { field, rows };
    }),
  );
  const sums = new Map<string, Record<F, number>>();
  for (const { field, rows } of perField)
    for (const { _id, total } of rows) {
      const entry =
        sums.get(_id) ?? (Object.fromEntries(fields.map((f) => [f, 0])) as Record<F, number>);
      entry[field] = total;
      sums.set(_id, entry);
    }
  return sums;
}
