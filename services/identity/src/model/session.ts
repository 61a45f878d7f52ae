import { Schema, type Connection } from 'mongoose';

/** A signed-in session; the refresh token is stored only as its SHA-256. */
export interface SessionRecord {
  _id: string;
  tenantId: string;
  userId: string;
  refreshTokenHash: string;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
}

const sessionSchema = new Schema<SessionRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    refreshTokenHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// serves: refreshSession finds the session by the hash of the presented token
sessionSchema.index({ refreshTokenHash: 1 }, { unique: true });

export const sessionModel = (connection: Connection) =>
  connection.model<SessionRecord>('Session', sessionSchema, 'sessions');
