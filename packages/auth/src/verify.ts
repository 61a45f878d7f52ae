import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { unauthenticated } from '@portico/errors';
import {
  TOKEN_ALGORITHMS,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TOKEN_TYPE,
  type AuthContext,
  type PorticoClaims,
  type Principal,
} from './claims';
import type { RevocationList } from './revocations';

export interface TokenVerifier {
  /** Turns an Authorization header into an auth context; a bad token is UNAUTHENTICATED. */
  authenticate(authorization: string | undefined): Promise<AuthContext>;
}

export interface TokenVerifierOptions {
  jwksUrl: string;
  /** Sessions revoked before their tokens expired; their tokens are refused. */
  revocations?: RevocationList;
  /** Minimum time between JWKS refetches on an unknown `kid`. */
  cooldownMs?: number;
}

// A verified token is trusted again without checking its signature for at most
// this long (and never past its expiry), so a key withdrawn from the JWKS stops
// working within a minute; revocations are checked on every request regardless.
const VERIFIED_FOR_MS = 60_000;
const VERIFIED_KEPT = 10_000;

interface VerifiedToken {
  principal: Principal;
  /** The token's iat, in ms. */
  issuedAt: number;
  /** Trusted without a signature check until then. */
  until: number;
}

/** Verifies against a key source; `keys` is injectable so unit tests need no server. */
export function createTokenVerifierFromKeys(
  keys: JWTVerifyGetKey,
  revocations?: RevocationList,
  now: () => number = Date.now,
): TokenVerifier {
  // Token → its principal and until when it is trusted; oldest first (a Map keeps insertion order).
  const verified = new Map<string, VerifiedToken>();

  async function verify(token: string): Promise<VerifiedToken> {
    const known = verified.get(token);
    if (known && known.until > now()) return known;
    verified.delete(token);
    let principal: Principal;
    let expiresAt: number;
    let issuedAt: number;
    try {
      // jose only ever uses `keys`: jku/jwk/x5u headers in the token are ignored.
      const { payload } = await jwtVerify<PorticoClaims>(token, keys, {
        algorithms: TOKEN_ALGORITHMS,
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        typ: TOKEN_TYPE,
        requiredClaims: ['sub', 'exp', 'iat', 'tid', 'kind', 'sid'],
        currentDate: new Date(now()),
      });
      principal = toPrincipal(payload);
      expiresAt = payload.exp! * 1_000;
      issuedAt = payload.iat! * 1_000;
    } catch {
      throw unauthenticated('Invalid or expired access token');
    }
    const entry = { principal, issuedAt, until: Math.min(expiresAt, now() + VERIFIED_FOR_MS) };
    verified.set(token, entry);
    if (verified.size > VERIFIED_KEPT) verified.delete(verified.keys().next().value!);
    return entry;
  }

  return {
    async authenticate(authorization) {
      if (!authorization) return { kind: 'ANONYMOUS' };
      const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization);
      if (!match) throw unauthenticated('Malformed Authorization header');
      const { principal, issuedAt } = await verify(match[1]!);
      const refusal = revocations?.refusal(principal, issuedAt);
      if (refusal) throw unauthenticated(refusal);
      return principal;
    },
  };
}

export function createTokenVerifier({
  jwksUrl,
  revocations,
  cooldownMs = 30_000,
}: TokenVerifierOptions): TokenVerifier {
  return createTokenVerifierFromKeys(
    createRemoteJWKSet(new URL(jwksUrl), {
      cooldownDuration: cooldownMs,
      cacheMaxAge: 10 * 60_000,
    }),
    revocations,
  );
}

function toPrincipal(claims: PorticoClaims & { sub?: string }): Principal {
  const base = { tenantId: claims.tid, userId: claims.sub!, sessionId: claims.sid };
  if (claims.kind === 'STAFF' && claims.role) return { ...base, kind: 'STAFF', role: claims.role };
  if (claims.kind === 'CONTACT' && claims.aid && claims.cid) {
    return { ...base, kind: 'CONTACT', accessId: claims.aid, customerId: claims.cid };
  }
  throw new Error('token claims do not describe a principal');
}
