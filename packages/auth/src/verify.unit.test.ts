import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWK,
  type CryptoKey,
  type JWTVerifyGetKey,
} from 'jose';
import { AppError } from '@portico/errors';
import {
  createTokenVerifierFromKeys,
  requireContact,
  requireStaff,
  RevocationList,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
} from './index';

let privateKey: CryptoKey;
let otherKey: CryptoKey;
let verifier: ReturnType<typeof createTokenVerifierFromKeys>;
let jwks: ReturnType<typeof createLocalJWKSet>;
const revocations = new RevocationList();

beforeAll(async () => {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair('EdDSA', { crv: 'Ed25519' })).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'EdDSA', use: 'sig' };
  jwks = createLocalJWKSet({ keys: [jwk] });
  verifier = createTokenVerifierFromKeys(jwks, revocations);
});

function token(
  overrides: {
    key?: CryptoKey;
    typ?: string;
    iss?: string;
    aud?: string;
    exp?: string;
    /** Seconds since the epoch; default now. */
    iat?: number;
    claims?: object;
  } = {},
) {
  return new SignJWT({ tid: 't1', kind: 'STAFF', role: 'ADMIN', sid: 's1', ...overrides.claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'k1', typ: overrides.typ ?? 'at+jwt' })
    .setSubject('u1')
    .setIssuer(overrides.iss ?? TOKEN_ISSUER)
    .setAudience(overrides.aud ?? TOKEN_AUDIENCE)
    .setIssuedAt(overrides.iat)
    .setExpirationTime(overrides.exp ?? '15m')
    .sign(overrides.key ?? privateKey);
}

async function codeOf(promise: Promise<unknown>) {
  return promise.then(
    () => 'OK',
    (error: AppError) => error.code,
  );
}

describe('token verification', () => {
  it('builds a staff context from a valid token', async () => {
    const auth = await verifier.authenticate(`Bearer ${await token()}`);
    expect(auth).toEqual({
      kind: 'STAFF',
      tenantId: 't1',
      userId: 'u1',
      sessionId: 's1',
      role: 'ADMIN',
    });
    expect(requireStaff(auth, ['ADMIN']).role).toBe('ADMIN');
    expect(() => requireContact(auth)).toThrow('Portal contacts only');
  });

  it('builds a contact context with access and customer', async () => {
    const auth = await verifier.authenticate(
      `Bearer ${await token({ claims: { kind: 'CONTACT', role: undefined, aid: 'a1', cid: 'c1' } })}`,
    );
    expect(requireContact(auth)).toMatchObject({ accessId: 'a1', customerId: 'c1' });
    expect(() => requireStaff(auth)).toThrow('Staff only');
  });

  it('treats a missing header as anonymous', async () => {
    expect(await verifier.authenticate(undefined)).toEqual({ kind: 'ANONYMOUS' });
  });

  it.each([
    ['a foreign key', { key: undefined as unknown as CryptoKey, foreign: true }],
    ['another issuer', { iss: 'evil' }],
    ['another audience', { aud: 'other' }],
    ['a refresh-token type', { typ: 'JWT' }],
    ['an expired token', { exp: '-1m' }],
  ])('rejects %s', async (_name, options) => {
    const signed = await token('foreign' in options ? { key: otherKey } : options);
    expect(await codeOf(verifier.authenticate(`Bearer ${signed}`))).toBe('UNAUTHENTICATED');
  });

  it('rejects alg none and a malformed header', async () => {
    const [, payload] = (await token()).split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${payload}.`;
    expect(await codeOf(verifier.authenticate(`Bearer ${none}`))).toBe('UNAUTHENTICATED');
    expect(await codeOf(verifier.authenticate('Basic abc'))).toBe('UNAUTHENTICATED');
  });

  it('refuses a valid token of a revoked session until its tokens would have expired', async () => {
    const signed = await token({ claims: { sid: 'revoked-session' } });
    revocations.add('revoked-session', new Date(Date.now() + 60_000));
    expect(await codeOf(verifier.authenticate(`Bearer ${signed}`))).toBe('UNAUTHENTICATED');
    expect(
      await codeOf(
        verifier.authenticate(`Bearer ${await token({ claims: { sid: 'other-session' } })}`),
      ),
    ).toBe('OK');
    revocations.add('old-session', new Date(Date.now() - 1));
    expect(revocations.has('old-session')).toBe(false);
  });

  it('refuses contact tokens of a revoked access, and of a shortened expiry once it passes', async () => {
    const contact = (aid: string) =>
      token({ claims: { kind: 'CONTACT', role: undefined, aid, cid: 'c1', sid: `s-${aid}` } });
    const revoked = await contact('revoked-access');
    const shortened = await contact('shortened-access');
    expect(await codeOf(verifier.authenticate(`Bearer ${revoked}`))).toBe('OK');
    revocations.cutAccess('revoked-access', new Date());
    revocations.cutAccess('shortened-access', new Date(Date.now() + 60_000));
    expect(await codeOf(verifier.authenticate(`Bearer ${revoked}`))).toBe('UNAUTHENTICATED');
    expect(await codeOf(verifier.authenticate(`Bearer ${shortened}`))).toBe('OK');
    revocations.cutAccess('shortened-access', new Date(Date.now() - 1));
    expect(await codeOf(verifier.authenticate(`Bearer ${shortened}`))).toBe('UNAUTHENTICATED');
    revocations.restoreAccess('shortened-access');
    expect(await codeOf(verifier.authenticate(`Bearer ${shortened}`))).toBe('OK');
    expect(await codeOf(verifier.authenticate(`Bearer ${await contact('other')}`))).toBe('OK');
  });

  it('checks a token’s signature once a minute at most, and never trusts it past its expiry', async () => {
    let lookups = 0;
    const countingKeys: JWTVerifyGetKey = (...args) => ((lookups += 1), jwks(...args));
    let clock = Date.now();
    const cached = createTokenVerifierFromKeys(countingKeys, revocations, () => clock);
    const signed = await token({ exp: '90s' });
    expect(await codeOf(cached.authenticate(`Bearer ${signed}`))).toBe('OK');
    expect(await codeOf(cached.authenticate(`Bearer ${signed}`))).toBe('OK');
    expect(lookups).toBe(1);
    clock += 61_000;
    expect(await codeOf(cached.authenticate(`Bearer ${signed}`))).toBe('OK');
    expect(lookups).toBe(2);
    clock += 30_000; // past its expiry, though verified less than a minute ago
    expect(await codeOf(cached.authenticate(`Bearer ${signed}`))).toBe('UNAUTHENTICATED');
    // A forged token is checked (and refused) every time: only good tokens are kept.
    const forged = await token({ key: otherKey });
    const before = lookups;
    expect(await codeOf(cached.authenticate(`Bearer ${forged}`))).toBe('UNAUTHENTICATED');
    expect(await codeOf(cached.authenticate(`Bearer ${forged}`))).toBe('UNAUTHENTICATED');
    expect(lookups).toBe(before + 2);
  });

  it('refuses tokens older than a broker outage once the revocation feed is stale', async () => {
    const feedBehind = new RevocationList();
    const guarded = createTokenVerifierFromKeys(jwks, feedBehind);
    const now = Math.floor(Date.now() / 1_000);
    const before = await token({ iat: now - 60 });
    const since = await token({ iat: now - 20 });
    feedBehind.feedReadAt(Date.now());
    expect(await codeOf(guarded.authenticate(`Bearer ${before}`))).toBe('OK');
    // Unread for 25 s: within the bound, every token still passes.
    feedBehind.feedReadAt(Date.now() - 25_000);
    expect(feedBehind.staleSince()).toBeNull();
    expect(await codeOf(guarded.authenticate(`Bearer ${before}`))).toBe('OK');
    // Unread for 40 s: tokens issued before the last read are refused, also those checked before.
    feedBehind.feedReadAt(Date.now() - 40_000);
    expect(await codeOf(guarded.authenticate(`Bearer ${before}`))).toBe('UNAUTHENTICATED');
    expect(await codeOf(guarded.authenticate(`Bearer ${since}`))).toBe('OK');
    // The feed reads again: the old token is good again.
    feedBehind.feedReadAt(Date.now());
    expect(await codeOf(guarded.authenticate(`Bearer ${before}`))).toBe('OK');
  });
});
