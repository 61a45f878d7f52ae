import type { TenantScope } from '@portico/auth';
import type { Collection } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import { isDuplicateKeyError } from '@portico/mongo';
import { lockDocument } from '@portico/outbox';
import type { refreshTokenModel, RefreshTokenRecord } from '../model/refresh-token';
import type { sessionModel, SessionRecord } from '../model/session';

/** Sessions and their refresh tokens as stored; what they mean is `Sessions`' business. */
export class SessionRepository {
  constructor(
    private readonly sessions: ReturnType<typeof sessionModel>,
    private readonly refreshTokens: ReturnType<typeof refreshTokenModel>,
    /** One document per used refresh token, keyed by its hash. */
    private readonly refreshTokenUses: Collection<{ _id: string; usedAt: Date }>,
  ) {}

  /** Stores a new session with its first events (outbox), in one write. */
  async open(
    session: Pick<SessionRecord, '_id' | 'tenantId' | 'userId' | 'expiresAt' | 'endsAt'>,
    events: CloudEvent[],
  ): Promise<void> {
    await lockDocument(this.sessions, session._id, () =>
      this.sessions.create({ ...session, outbox: events }),
    );
  }

  sessionOf({ tenantId }: TenantScope, sessionId: string): Promise<SessionRecord | null> {
    return this.sessions.findOne({ _id: sessionId, tenantId }).lean().exec();
  }

  async isActive({ tenantId }: TenantScope, sessionId: string, now: Date): Promise<boolean> {
    const active = await this.sessions.exists({
      _id: sessionId,
      tenantId,
      revokedAt: null,
      expiresAt: { $gt: now },
    });
    return active !== null;
  }

  async extend({ tenantId }: TenantScope, sessionId: string, expiresAt: Date): Promise<void> {
    await this.sessions.updateOne({ _id: sessionId, tenantId }, { $set: { expiresAt } });
  }

  /** The ids of the user's sessions not yet revoked, but for `keep`. */
  async liveSessionIds({ tenantId }: TenantScope, userId: string, keep: string): Promise<string[]> {
    const sessions = await this.sessions
      .find({ tenantId, userId, revokedAt: null, _id: { $ne: keep } }, { _id: 1 })
      .lean()
      .exec();
    return sessions.map((session) => session._id);
  }

  /** The user of a session not yet revoked, or null. */
  async liveSessionUser({ tenantId }: TenantScope, sessionId: string): Promise<string | null> {
    const session = await this.sessions
      .findOne({ _id: sessionId, tenantId, revokedAt: null }, { userId: 1 })
      .lean()
      .exec();
    return session?.userId ?? null;
  }

  /** Revokes a live session with its event (outbox); false when it had already ended. */
  async revoke(
    { tenantId }: TenantScope,
    sessionId: string,
    reason: string,
    event: CloudEvent,
  ): Promise<boolean> {
    const { modifiedCount } = await lockDocument(this.sessions, sessionId, () =>
      this.sessions.updateOne(
        { _id: sessionId, tenantId, revokedAt: null },
        { $set: { revokedAt: new Date(), revokedReason: reason }, $push: { outbox: event } },
      ),
    );
    return modifiedCount > 0;
  }

  async saveRefreshToken(token: Pick<RefreshTokenRecord, '_id' | 'tenantId' | 'sessionId'>) {
    await this.refreshTokens.create(token);
  }

  refreshToken(hash: string): Promise<RefreshTokenRecord | null> {
    return this.refreshTokens.findOne({ _id: hash }).lean().exec();
  }

  /**
   * Marks a refresh token used; false when it was used before. An insert under its unique id:
   * of concurrent uses exactly one wins, on every backend (FerretDB 1.24 updates are not atomic).
   */
  async useRefreshToken(hash: string): Promise<boolean> {
    try {
      await this.refreshTokenUses.insertOne({ _id: hash, usedAt: new Date() });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
