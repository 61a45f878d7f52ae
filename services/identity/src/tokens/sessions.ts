import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  type PorticoClaims,
  storedScope,
  type TenantScope,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TOKEN_TYPE,
} from '@portico/auth';
import { createEvent, type CloudEvent } from '@portico/events';
import type { UserRecord } from '../model/user';
import type { IdentityStore } from '../store';
import type { SigningKeys } from './signing-keys';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

export type RefreshOutcome =
  | { kind: 'refreshed'; tokens: IssuedTokens; user: UserRecord }
  /** Never issued (or garbage). */
  | { kind: 'unknown' }
  /** Issued, but its session was revoked or expired, or the user disabled. */
  | { kind: 'ended'; tenantId: string; userId: string; sessionId: string }
  /** Used before: a copy is in someone else's hands; the session is now revoked. */
  | { kind: 'reused'; tenantId: string; userId: string; sessionId: string };

/** Whether the user may hold tokens: not disabled, and for a contact, the access not expired. */
export function maySignIn(user: UserRecord, now = new Date()): boolean {
  return !user.disabled && (!user.accessExpiresAt || user.accessExpiresAt > now);
}

const DAY_MS = 86_400_000;

/** A session's expiry after a use at `now`: `idleDays` ahead, but never past its absolute end. */
export function slidingExpiry(now: Date, idleDays: number, endsAt: Date): Date {
  return new Date(Math.min(now.getTime() + idleDays * DAY_MS, endsAt.getTime()));
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opens, refreshes and ends sessions; signs the short-lived access tokens that carry them. */
export class Sessions {
  constructor(
    private readonly store: IdentityStore,
    private readonly keys: SigningKeys,
    private readonly ttl: { accessSeconds: number; refreshDays: number; maxDays: number },
    /** Publishes pending outbox events; resolves once they are on the broker. */
    private readonly publishPending: () => Promise<void>,
    /** Publishes them and resolves once every process has applied the revocations. */
    private readonly publishRevocations: () => Promise<void>,
  ) {}

  private get records() {
    return this.store.sessionRecords;
  }

  /**
   * Opens a session. Its first write carries the signed-in event and any
   * `events` of the caller's (e.g. an activation), so none is lost.
   */
  async open(user: UserRecord, events: CloudEvent[] = []): Promise<IssuedTokens> {
    const _id = randomUUID();
    const now = new Date();
    const endsAt = new Date(now.getTime() + this.ttl.maxDays * DAY_MS);
    const signedIn = createEvent({
      type: 'portico.identity.signed-in.v1',
      service: 'identity',
      subject: user._id,
      tenantId: user.tenantId,
      data: {
        userId: user._id,
        kind: user.kind,
        accessId: user.accessId,
        customerId: user.customerId,
        at: new Date().toISOString(),
      },
    });
    await this.records.open(
      {
        _id,
        tenantId: user.tenantId,
        userId: user._id,
        expiresAt: slidingExpiry(now, this.ttl.refreshDays, endsAt),
        endsAt,
      },
      [...events, signedIn],
    );
    void this.publishPending();
    return this.issue(user, _id);
  }

  async refresh(refreshToken: string): Promise<RefreshOutcome> {
    const hash = hashToken(refreshToken);
    const token = await this.records.refreshToken(hash);
    if (!token) return { kind: 'unknown' };
    const session = await this.records.sessionOf(storedScope(token), token.sessionId);
    const userId = session?.userId ?? '';
    // Of concurrent refreshes with one token exactly one uses it.
    if (!(await this.records.useRefreshToken(hash))) {
      await this.revoke(storedScope(token), token.sessionId, 'refresh token reused');
      return { kind: 'reused', tenantId: token.tenantId, userId, sessionId: token.sessionId };
    }
    const active = session && !session.revokedAt && session.expiresAt > new Date();
    const user = active && (await this.store.findUser(storedScope(session), session.userId));
    if (!active || !user || !maySignIn(user))
      return { kind: 'ended', tenantId: token.tenantId, userId, sessionId: token.sessionId };
    await this.records.extend(
      storedScope(session),
      session._id,
      slidingExpiry(
        new Date(),
        this.ttl.refreshDays,
        session.endsAt ?? new Date(session.createdAt.getTime() + this.ttl.maxDays * DAY_MS),
      ),
    );
    return { kind: 'refreshed', tokens: await this.issue(user, session._id), user };
  }

  async isActive(tenant: TenantScope, sessionId: string): Promise<boolean> {
    return this.records.isActive(tenant, sessionId, new Date());
  }

  /**
   * Ends a session. The revocation event is written with the change, and this
   * returns once every running process has applied it, so each refuses the
   * session's unexpired access tokens from the next request on.
   */
  async revoke(tenant: TenantScope, sessionId: string, reason: string): Promise<void> {
    if (await this.markRevoked(tenant, sessionId, reason)) await this.publishRevocations();
  }

  /** Ends every session of the user except `keep`, the same way. */
  async revokeOthers(user: UserRecord, keep: string, reason: string): Promise<void> {
    const tenant = storedScope(user);
    const others = await this.records.liveSessionIds(tenant, user._id, keep);
    let ended = false;
    for (const other of others) if (await this.markRevoked(tenant, other, reason)) ended = true;
    if (ended) await this.publishRevocations();
  }

  /** Writes the revocation with its event; false when the session had already ended. */
  private async markRevoked(
    tenant: TenantScope,
    sessionId: string,
    reason: string,
  ): Promise<boolean> {
    const { tenantId } = tenant;
    const userId = await this.records.liveSessionUser(tenant, sessionId);
    if (userId === null) return false;
    const event = createEvent({
      type: 'portico.identity.session-revoked.v1',
      service: 'identity',
      subject: sessionId,
      tenantId,
      data: {
        sessionId,
        userId,
        reason,
        // Tokens issued until now expire at most one access-token lifetime later.
        tokensValidUntil: new Date(Date.now() + this.ttl.accessSeconds * 1000).toISOString(),
      },
    });
    return this.records.revoke(tenant, sessionId, reason, event);
  }

  private async issue(user: UserRecord, sessionId: string): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.records.saveRefreshToken({
      _id: hashToken(refreshToken),
      tenantId: user.tenantId,
      sessionId,
    });
    return { ...(await this.signAccessToken(user, sessionId)), refreshToken };
  }

  private async signAccessToken(
    user: UserRecord,
    sessionId: string,
  ): Promise<{ accessToken: string; expiresAt: string }> {
    const { kid, key } = await this.keys.current();
    // A contact's token never outlives the portal access.
    const expiresAt = new Date(
      Math.min(
        Date.now() + this.ttl.accessSeconds * 1000,
        user.accessExpiresAt?.getTime() ?? Infinity,
      ),
    );
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
