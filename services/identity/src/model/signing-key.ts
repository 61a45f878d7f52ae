import { Schema, type Connection } from 'mongoose';
import type { JWK } from 'jose';
import type { Sealed } from '../tokens/key-sealing';

/** An Ed25519 token-signing key. Published in the JWKS before it signs, kept there until its tokens expire. */
export interface SigningKeyRecord {
  _id: string; // kid
  publicJwk: JWK;
  /** The private JWK encrypted with SIGNING_KEY_SECRET. */
  sealedPrivateJwk: Sealed | null;
  /** Keys stored before sealing existed: plaintext, sealed and removed at start (sealLegacyKeys). */
  privateJwk?: JWK;
  /** When it starts signing; earlier, it is only published. */
  signsFrom: Date;
  createdAt: Date;
}

const signingKeySchema = new Schema<SigningKeyRecord>(
  {
    _id: String,
    publicJwk: { type: Object, required: true },
    sealedPrivateJwk: { type: Object, default: null },
    privateJwk: { type: Object },
    signsFrom: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

export const signingKeyModel = (connection: Connection) =>
  connection.model<SigningKeyRecord>('SigningKey', signingKeySchema, 'signing_keys');
