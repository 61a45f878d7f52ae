import { Schema, type Connection } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import { outboxPath } from '@portico/outbox';

/** A signed-in session: the family of its access and refresh tokens. */
export interface SessionRecord {
  _id: string;
  tenantId: string;
  userId: string;
  /** Sliding: each refresh moves it forward, never past `endsAt`. */
  expiresAt: Date;
  /** The absolute end, however often it is refreshed (null: sessions opened before it existed). */
  endsAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  createdAt: Date;
  outbox: CloudEvent[];
}

const sessionSchema = new Schema<SessionRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    endsAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    revokedReason: { type: String, default: null },
    ...outboxPath,
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// serves: changePassword ends a user's other sessions
sessionSchema.index({ tenantId: 1, userId: 1 });

export const sessionModel = (connection: Connection) =>
  connection.model<SessionRecord>('Session', sessionSchema, 'sessions');
