import { Schema, type Connection } from 'mongoose';
import type { JWK } from 'jose';

/** An Ed25519 token-signing key; the newest signs, every stored one verifies. */
export interface SigningKeyRecord {
  _id: string; // kid
  publicJwk: JWK;
  privateJwk: JWK;
  createdAt: Date;
}

const signingKeySchema = new Schema<SigningKeyRecord>(
  {
    _id: String,
    publicJwk: { type: Object, required: true },
    privateJwk: { type: Object, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

export const signingKeyModel = (connection: Connection) =>
  connection.model<SigningKeyRecord>('SigningKey', signingKeySchema, 'signing_keys');
