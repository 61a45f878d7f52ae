import { Schema, type Connection } from 'mongoose';

/** A requested password reset; the token itself is never stored, only its SHA-256. */
export interface PasswordResetRecord {
  _id: string; // sha-256 of the token
  tenantId: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
}

const passwordResetSchema = new Schema<PasswordResetRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

export const passwordResetModel = (connection: Connection) =>
  connection.model<PasswordResetRecord>('PasswordReset', passwordResetSchema, 'password_resets');
