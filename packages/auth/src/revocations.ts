import type { Principal } from './claims';

// Past its cutoff, an access entry is kept this long: identity issues no token
// past the cutoff, and any earlier token has expired by then.
const ACCESS_ENTRY_GRACE_MS = 3_600_000;

/**
 * How long the feed behind the list may go unread (a broker outage) before
 * tokens issued before its last read are refused: a revocation made meanwhile
 * cannot reach this process, so only tokens issued since are trusted. The
 * web app renews a refused token through its cookie, so a session survives.
 */
export const FEED_STALE_AFTER_MS = 30_000;
// iat counts whole seconds: a token whose iat is within this of the last read may postdate it.
const IAT_PRECISION_MS = 1_000;

/**
 * What this process must refuse before tokens expire: sessions that ended,
 * and portal accesses that were revoked or whose expiry was moved. Entries
 * are forgotten once no token they could refuse is still valid.
 */
export class RevocationList {
  private readonly sessionsUntil = new Map<string, number>();
  private readonly accessCutoffs = new Map<string, number>();
  /** When the feed last read up to the broker's end; null when no feed fills this list. */
  private lastRead: number | null = null;

  /** The feed has read every revocation published up to `at` (ms since epoch). */
  feedReadAt(at: number): void {
    this.lastRead = at;
  }

  lastReadAt(): number | null {
    return this.lastRead;
  }

  /** Since when the feed has gone unread, once that exceeds FEED_STALE_AFTER_MS; else null. */
  staleSince(now = Date.now()): number | null {
    if (this.lastRead === null || now - this.lastRead <= FEED_STALE_AFTER_MS) return null;
    return this.lastRead;
  }

  add(sessionId: string, tokensValidUntil: Date): void {
    this.sessionsUntil.set(sessionId, tokensValidUntil.getTime());
    this.forgetExpiredNow();
  }

  has(sessionId: string): boolean {
    const until = this.sessionsUntil.get(sessionId);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.sessionsUntil.delete(sessionId);
    return false;
  }

  /** Tokens of this access are refused from `from` on (revocation: now; expiry: then). */
  cutAccess(accessId: string, from: Date): void {
    this.accessCutoffs.set(accessId, from.getTime());
    this.forgetExpiredNow();
  }

  /** The access's expiry was removed: its tokens are good again until they expire. */
  restoreAccess(accessId: string): void {
    this.accessCutoffs.delete(accessId);
  }

  /**
   * Why this principal's token is refused, or null when it is not. `issuedAt` (the token's
   * iat, in ms): while the feed is stale, a token issued before its last read is refused.
   */
  refusal(principal: Principal, issuedAt?: number): string | null {
    const revoked = this.refusalFor(
      principal.sessionId,
      principal.kind === 'CONTACT' ? principal.accessId : null,
    );
    if (revoked) return revoked;
    const stale = this.staleSince();
    if (stale !== null && issuedAt !== undefined && issuedAt + IAT_PRECISION_MS <= stale)
      return 'Revocations cannot be checked right now; sign in again';
    return null;
  }

  /** The same for a session and (a contact's) access, e.g. those a download link was made in. */
  refusalFor(sessionId: string, accessId: string | null): string | null {
    // The access first: when it ends, identity ends its sessions too, and the cause is what to say.
    if (accessId !== null) {
      const cutoff = this.accessCutoffs.get(accessId);
      if (cutoff !== undefined && cutoff <= Date.now()) return 'Your portal access has ended';
    }
    return this.has(sessionId) ? 'Your session has ended; sign in again' : null;
  }

  get size(): number {
    return this.sessionsUntil.size + this.accessCutoffs.size;
  }

  private forgetExpiredNow(): void {
    if (this.size % 1000 !== 0) return;
    const now = Date.now();
    for (const [id, until] of this.sessionsUntil) if (until <= now) this.sessionsUntil.delete(id);
    for (const [id, cutoff] of this.accessCutoffs)
      if (cutoff + ACCESS_ENTRY_GRACE_MS <= now) this.accessCutoffs.delete(id);
  }
}
