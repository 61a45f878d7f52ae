import { Schema, type Connection } from 'mongoose';

/**
 * One refresh token of a session, stored as its SHA-256 only. A token is used
 * once: its use is recorded in `refresh_token_uses` under the same id (an
 * insert, so exactly one use wins); presenting it again means it was stolen,
 * and the session ends.
 */
export interface RefreshTokenRecord {
  _id: string; // sha-256 of the token
  tenantId: string;
  sessionId: string;
  createdAt: Date;
}

const refreshTokenSchema = new Schema<RefreshTokenRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    sessionId: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

export const refreshTokenModel = (connection: Connection) =>
  connection.model<RefreshTokenRecord>('RefreshToken', refreshTokenSchema, 'refresh_tokens');
