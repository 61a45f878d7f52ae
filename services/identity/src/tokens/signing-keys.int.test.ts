import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { connectMongo, type Connection } from '@portico/mongo';
import { signingKeyModel } from '../model/signing-key';
import { SigningKeys } from './signing-keys';

const MINUTE = 60_000;
let connection: Connection;
let now = Date.parse('2026-11-23T10:00:00Z');

beforeAll(async () => {
  connection = await connectMongo(process.env.MONGO_URL!, `t_keys_${randomUUID().slice(0, 8)}`);
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

async function sign(keys: SigningKeys): Promise<string> {
  const { kid, key } = await keys.current();
  return new SignJWT({})
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setIssuedAt(Math.floor(now / 1000))
    .sign(key);
}

/** Verifies the way another service would: against the JWKS identity publishes at this moment. */
async function verifies(keys: SigningKeys, token: string): Promise<boolean> {
  return jwtVerify(token, createLocalJWKSet(await keys.jwks()), {
    currentDate: new Date(now),
  }).then(
    () => true,
    () => false,
  );
}

const SECRET = 'test-signing-key-secret-with-32-chars-plus';

describe('signing key rotation', () => {
  it('publishes a new key before it signs and keeps the old one until its tokens expire', async () => {
    const keys = new SigningKeys(signingKeyModel(connection), {
      rotationMs: 60 * MINUTE,
      prePublishMs: 5 * MINUTE,
      tokenTtlMs: 15 * MINUTE,
      cacheMs: 0,
      now: () => now,
      secret: SECRET,
    });
    await keys.rotateIfDue();
    const first = (await keys.current()).kid;
    expect((await keys.jwks()).keys.map((key) => key.kid)).toEqual([first]);

    now += 54 * MINUTE;
    await keys.rotateIfDue(); // not due yet
    expect((await keys.jwks()).keys).toHaveLength(1);

    now += 1 * MINUTE; // 55 min: the successor is published, not yet signing
    await keys.rotateIfDue();
    await keys.rotateIfDue(); // a second call (another replica, the next tick) adds nothing
    const published = (await keys.jwks()).keys.map((key) => key.kid);
    expect(published).toHaveLength(2);
    expect((await keys.current()).kid).toBe(first);
    const second = published.find((kid) => kid !== first)!;

    now += 4 * MINUTE; // 59 min: a token from the old key, shortly before the switch
    const oldToken = await sign(keys);
    now += 1 * MINUTE; // 60 min: the successor signs, the old key still verifies
    expect((await keys.current()).kid).toBe(second);
    const newToken = await sign(keys);
    expect(await verifies(keys, oldToken)).toBe(true);
    expect(await verifies(keys, newToken)).toBe(true);

    now += 15 * MINUTE + 1; // every token of the old key has expired: it leaves the JWKS
    expect((await keys.jwks()).keys.map((key) => key.kid)).toEqual([second]);
    expect(await verifies(keys, newToken)).toBe(true);

    // At rest the private keys are sealed: nothing of them in the clear, and useless without the secret.
    const stored = await signingKeyModel(connection).find().lean();
    expect(stored.every((record) => record.sealedPrivateJwk && !record.privateJwk)).toBe(true);
    expect(JSON.stringify(stored)).not.toMatch(/"d":/);
    const wrongSecret = new SigningKeys(signingKeyModel(connection), {
      now: () => now,
      secret: `${SECRET}-other`,
    });
    await expect(wrongSecret.current()).rejects.toThrow();
  });

  it('seals a private key stored in the clear and keeps signing with it', async () => {
    const model = signingKeyModel(connection);
    await model.deleteMany({});
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const privateJwk = await exportJWK(pair.privateKey);
    await model.collection.insertOne({
      _id: 'legacy-key' as never,
      publicJwk: await exportJWK(pair.publicKey),
      privateJwk,
      createdAt: new Date(now - MINUTE),
    });
    const keys = new SigningKeys(model, { cacheMs: 0, now: () => now, secret: SECRET });
    expect(await keys.sealLegacyKeys()).toBe(1);
    expect(await keys.sealLegacyKeys()).toBe(0);
    const [stored] = await model.find().lean();
    expect(stored?.privateJwk).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain(String(privateJwk.d));
    expect((await keys.current()).kid).toBe('legacy-key');
    expect(await verifies(keys, await sign(keys))).toBe(true);
  });
});
