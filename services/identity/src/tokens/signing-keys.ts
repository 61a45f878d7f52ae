import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import type { Model } from 'mongoose';
import type { SigningKeyRecord } from '../model/signing-key';

const JWKS_CACHE_MS = 60_000;

/**
 * The Ed25519 keys tokens are signed with. The newest key signs; all stored
 * keys are published in the JWKS, so a rotation signs nobody out.
 */
export class SigningKeys {
  private signing: Promise<{ kid: string; key: KeyLike }> | undefined;
  private published: { at: number; jwks: { keys: JWK[] } } | undefined;

  constructor(private readonly keys: Model<SigningKeyRecord>) {}

  current(): Promise<{ kid: string; key: KeyLike }> {
    this.signing ??= this.loadOrCreate().catch((error: unknown) => {
      this.signing = undefined;
      throw error;
    });
    return this.signing;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    if (this.published && Date.now() - this.published.at < JWKS_CACHE_MS)
      return this.published.jwks;
    const records = await this.keys
      .find({}, { publicJwk: 1 })
      .sort({ createdAt: -1 })
      .lean()
      .exec();
    const jwks = {
      keys: records.map((record) => ({
        ...record.publicJwk,
        kid: record._id,
        alg: 'EdDSA',
        use: 'sig',
      })),
    };
    this.published = { at: Date.now(), jwks };
    return jwks;
  }

  private async loadOrCreate(): Promise<{ kid: string; key: KeyLike }> {
    let newest = await this.keys.findOne().sort({ createdAt: -1 }).lean().exec();
    if (!newest) {
      const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      newest = (
        await this.keys.create({
          _id: randomUUID(),
          publicJwk: await exportJWK(pair.publicKey),
          privateJwk: await exportJWK(pair.privateKey),
        })
      ).toObject();
      this.published = undefined;
    }
    return { kid: newest._id, key: (await importJWK(newest.privateJwk, 'EdDSA')) as KeyLike };
  }
}
