import type { Model, RootFilterQuery, UpdateQuery } from 'mongoose';

const pendingWrites = new Map<string, Promise<unknown>>();

/**
 * Runs `write` after every earlier locked write to the same document in this
 * process has settled. FerretDB 1.24 (SQLite) rewrites a whole document per
 * update without isolation, so two concurrent updates of one document can
 * lose one of them; the relay's `$pullAll` racing a writer's `$push` would lose
 * an event. Every update of a document with an `outbox` goes through here.
 * On MongoDB this only orders writes that were atomic anyway.
 */
export async function lockDocument<T>(
  model: { collection: { collectionName: string } },
  documentId: string,
  write: () => Promise<T>,
): Promise<T> {
  const key = `${model.collection.collectionName}/${documentId}`;
  const previous = pendingWrites.get(key) ?? Promise.resolve();
  const current = previous.then(write, write);
  const settled = current.then(
    () => undefined,
    () => undefined,
  );
  pendingWrites.set(key, settled);
  try {
    return await current;
  } finally {
    if (pendingWrites.get(key) === settled) pendingWrites.delete(key);
  }
}

/**
 * `findOneAndUpdate` of the document `filter._id` under its lock, returning
 * the updated document, or null when `filter` no longer matches. No
 * projection: FerretDB 1.24 does not implement findAndModify "fields".
 */
export function updateLocked<T>(
  model: Model<T>,
  filter: { _id: string } & Record<string, unknown>,
  update: UpdateQuery<T>,
): Promise<T | null> {
  return lockDocument(model, filter._id, () =>
    model
      .findOneAndUpdate(filter as RootFilterQuery<T>, update, { new: true })
      .lean<T>()
      .exec(),
  );
}
