import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Model } from 'mongoose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, TOKEN_TYPE, type PorticoClaims } from '@portico/auth';
import type { SessionRecord } from '../model/session';
import type { UserRecord } from '../model/user';
import type { SigningKeys } from './signing-keys';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opens sessions and signs the short-lived access tokens that carry them. */
export class SessionIssuer {
  constructor(
    private readonly sessions: Model<SessionRecord>,
    private readonly keys: SigningKeys,
    private readonly ttl: { accessSeconds: number; refreshDays: number },
  ) {}

  async open(user: UserRecord): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    const session = await this.sessions.create({
      _id: randomUUID(),
      tenantId: user.tenantId,
      userId: user._id,
      refreshTokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + this.ttl.refreshDays * 86_400_000),
    });
    return { ...(await this.signAccessToken(user, session._id)), refreshToken };
  }

  private async signAccessToken(
    user: UserRecord,
    sessionId: string,
  ): Promise<{ accessToken: string; expiresAt: string }> {
    const { kid, key } = await this.keys.current();
    const expiresAt = new Date(Date.now() + this.ttl.accessSeconds * 1000);
    const claims: PorticoClaims = {
      tid: user.tenantId,
      kind: user.kind,
      sid: sessionId,
      ...(user.kind === 'STAFF'
        ? { role: user.role! }
        : { aid: user.accessId!, cid: user.customerId! }),
    };
    const accessToken = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: TOKEN_TYPE })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(user._id)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(key);
    return { accessToken, expiresAt: expiresAt.toISOString() };
  }
}
