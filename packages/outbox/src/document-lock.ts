import { inTurn } from '@portico/mongo';
import type { Model, RootFilterQuery, UpdateQuery } from 'mongoose';

/**
 * Runs `write` after every earlier locked write to the same document in this
 * process has settled. FerretDB 1.24 (SQLite) rewrites a whole document per
 * update without isolation, so two concurrent updates of one document can
 * lose one of them; the relay's `$pullAll` racing a writer's `$push` would lose
 * an event. Every update of a document with an `outbox` goes through here.
 * On MongoDB this only orders writes that were atomic anyway.
 */
export function lockDocument<T>(
  model: { collection: { collectionName: string } },
  documentId: string,
  write: () => Promise<T>,
): Promise<T> {
  return inTurn(`${model.collection.collectionName}/${documentId}`, write);
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
