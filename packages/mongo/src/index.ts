import mongoose, { type Connection } from 'mongoose';

export type { Connection };

/**
 * Opens `dbName` on the server at `url`. Each service owns its database and
 * never opens another's. Works with MongoDB 7 and FerretDB 1.24: nothing here
 * relies on sessions, transactions or change streams.
 */
export async function connectMongo(url: string, dbName: string): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    dbName,
    // Index builds are explicit (ensureIndexes) so start-up order is predictable.
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 20,
  });
  await connection.asPromise();
  return connection;
}

/** Builds the indexes every model of the connection declares. */
export async function ensureIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    await model.createIndexes();
  }
}

/** Readiness probe: true when the server answers a ping. */
export async function mongoAnswers(connection: Connection): Promise<boolean> {
  try {
    await connection.db?.admin().ping();
    return connection.readyState === 1;
  } catch {
    return false;
  }
}

/** True for a duplicate-key error, which FerretDB and MongoDB both report as 11000. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000
  );
}

/**
 * Next value of a named counter (1, 2, 3, ...), atomic across replicas:
 * one findOneAndUpdate with $inc and upsert, supported by MongoDB and FerretDB.
 */
export async function nextSequence(connection: Connection, key: string): Promise<number> {
  const counters = connection.collection<{ _id: string; value: number }>('counters');
  const counter = await counters.findOneAndUpdate(
    { _id: key },
    { $inc: { value: 1 } },
    { upsert: true, returnDocument: 'after' },
  );
  return counter!.value;
}
