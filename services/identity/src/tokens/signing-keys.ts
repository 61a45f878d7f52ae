import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import type { Model } from 'mongoose';
import type { SigningKeyRecord } from '../model/signing-key';
import { seal, unseal } from './key-sealing';

export interface KeyRotationOptions {
  /** How long a key signs before its successor takes over. */
  rotationMs: number;
  /** How long a new key is published before it signs: longer than any verifier's JWKS refetch cooldown. */
  prePublishMs: number;
  /** Lifetime of access tokens: a retired key stays published this long after its successor took over. */
  tokenTtlMs: number;
  /** How long the keys read from the database are reused. */
  cacheMs: number;
  /** Encrypts the private keys at rest (SIGNING_KEY_SECRET). */
  secret: string;
  now: () => number;
}

const DEFAULTS: Omit<KeyRotationOptions, 'secret'> = {
  rotationMs: 30 * 86_400_000,
  prePublishMs: 5 * 60_000,
  tokenTtlMs: 15 * 60_000,
  cacheMs: 10_000,
  now: Date.now,
};

/** Keys stored before rotation existed have no signsFrom: they signed from their creation. */
const signsFrom = (record: Pick<SigningKeyRecord, 'signsFrom' | 'createdAt'>) =>
  (record.signsFrom ?? record.createdAt).getTime();

interface KeyState {
  at: number;
  signing: { kid: string; key: CryptoKey };
  jwks: { keys: JWK[] };
}

/**
 * The Ed25519 keys tokens are signed with, rotated without signing anyone
 * out: a new key is published before it signs (so a verifier that meets its
 * kid can fetch it), and an old key stays published until every token it
 * signed has expired. Replicas share the keys through the database.
 */
export class SigningKeys {
  private readonly options: KeyRotationOptions;
  private state: Promise<KeyState> | undefined;

  constructor(
    private readonly keys: Model<SigningKeyRecord>,
    options: Partial<KeyRotationOptions> & Pick<KeyRotationOptions, 'secret'>,
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  async current(): Promise<{ kid: string; key: CryptoKey }> {
    return (await this.load()).signing;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return (await this.load()).jwks;
  }

  /**
   * Creates the first key, or the successor when the signing key's time is
   * nearly up. Two replicas doing this at once create two successors: harmless,
   * the later one simply takes over later.
   */
  async rotateIfDue(): Promise<void> {
    const { now, rotationMs, prePublishMs } = this.options;
    const records = await this.keys.find({}, { signsFrom: 1, createdAt: 1 }).lean().exec();
    if (records.length === 0) return this.create(now());
    const newest = Math.max(...records.map(signsFrom));
    if (newest > now()) return; // a successor is already published
    if (newest + rotationMs - prePublishMs <= now()) return this.create(now() + prePublishMs);
  }

  /**
   * Seals the private keys stored in the clear before sealing existed, and removes the plaintext
   * (run at start): a key that still signs or verifies keeps working, and a copy of the database
   * holds no usable private key.
   */
  async sealLegacyKeys(): Promise<number> {
    const legacy = await this.keys
      .find({ privateJwk: { $exists: true } }, { privateJwk: 1 })
      .lean()
      .exec();
    for (const record of legacy)
      await this.keys.updateOne(
        { _id: record._id },
        {
          $set: { sealedPrivateJwk: seal(this.options.secret, JSON.stringify(record.privateJwk)) },
          $unset: { privateJwk: 1 },
        },
      );
    if (legacy.length > 0) this.state = undefined;
    return legacy.length;
  }

  private async create(signsFrom: number): Promise<void> {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    await this.keys.create({
      _id: randomUUID(),
      publicJwk: await exportJWK(pair.publicKey),
      sealedPrivateJwk: seal(this.options.secret, JSON.stringify(await exportJWK(pair.privateKey))),
      signsFrom: new Date(signsFrom),
    });
    this.state = undefined;
  }

  private load(): Promise<KeyState> {
    const cached = this.state;
    if (cached) {
      return cached.then((state) =>
        this.options.now() - state.at < this.options.cacheMs ? state : this.reload(),
      );
    }
    return this.reload();
  }

  private reload(): Promise<KeyState> {
    this.state = this.read().catch((error: unknown) => {
      this.state = undefined;
      throw error;
    });
    return this.state;
  }

  private async privateKey(record: SigningKeyRecord): Promise<CryptoKey> {
    const jwk = JSON.parse(unseal(this.options.secret, record.sealedPrivateJwk!)) as JWK;
    return (await importJWK(jwk, 'EdDSA')) as CryptoKey;
  }

  private async read(): Promise<KeyState> {
    const now = this.options.now();
    const records = (await this.keys.find().lean().exec()).sort(
      (a, b) => signsFrom(a) - signsFrom(b),
    );
    const signingIndex = records.findLastIndex((record) => signsFrom(record) <= now);
    if (signingIndex < 0) throw new Error('no signing key yet: call rotateIfDue() at start-up');
    const signing = records[signingIndex]!;
    // A key is published while it (or a later key) has not yet been signing for a token lifetime.
    const published = records.filter((record, index) => {
      const successor = records[index + 1];
      return !successor || signsFrom(successor) + this.options.tokenTtlMs > now;
    });
    return {
      at: now,
      signing: { kid: signing._id, key: await this.privateKey(signing) },
      jwks: {
        keys: published.map((record) => ({
          ...record.publicJwk,
          kid: record._id,
          alg: 'EdDSA',
          use: 'sig',
        })),
      },
    };
  }
}
