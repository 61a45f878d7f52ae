import { inTurn } from '@portico/mongo';
import type { Model, RootFilterQuery, UpdateQuery } from 'mongoose';

// Per followed collection: documents written since the relay last looked.
const written = new Map<string, Set<string>>();

/**
 * Runs `write` after every earlier locked write to the same document in this
 * process has settled. FerretDB 1.24 (SQLite) rewrites a whole document per
 * update without isolation, so two concurrent updates of one document can
 * lose one of them; the relay's `$pullAll` racing a writer's `$push` would lose
 * an event. Every write of a document with an `outbox` goes through here
 * (creations included), which also tells the relay where to look.
 * On MongoDB this only orders writes that were atomic anyway.
 */
export async function lockDocument<T>(
  model: { collection: { collectionName: string } },
  documentId: string,
  write: () => Promise<T>,
): Promise<T> {
  const collection = model.collection.collectionName;
  try {
    return await inTurn(documentKey(collection, documentId), write);
  } finally {
    written.get(collection)?.add(documentId);
  }
}

export const documentKey = (collection: string, documentId: string) =>
  `${collection}/${documentId}`;

/** From now on, remember which documents of `collection` are written (for the relay). */
export function followWrites(collection: string): void {
  if (!written.has(collection)) written.set(collection, new Set());
}

/** The documents of `collection` written since the last call. */
export function takeWritten(collection: string): string[] {
  const ids = written.get(collection);
  if (!ids?.size) return [];
  const taken = [...ids];
  ids.clear();
  return taken;
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
