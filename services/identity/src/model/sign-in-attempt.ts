import { Schema, type Connection } from 'mongoose';

/**
 * One sign-in attempt against an account ("account:<email>") or from a client
 * address ("ip:<address>"). Attempts are inserted, never updated: inserts are
 * the writes that stay exact under concurrency on every backend.
 */
export interface SignInAttemptRecord {
  _id: string;
  key: string;
  at: Date;
}

const signInAttemptSchema = new Schema<SignInAttemptRecord>(
  {
    _id: String,
    key: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
// serves: counting a key's recent attempts, and forgetting old ones
signInAttemptSchema.index({ key: 1, at: -1 });

export const signInAttemptModel = (connection: Connection) =>
  connection.model<SignInAttemptRecord>('SignInAttempt', signInAttemptSchema, 'sign_in_attempts');
