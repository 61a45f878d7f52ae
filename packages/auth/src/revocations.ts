import type { Principal } from './claims';

// Past its cutoff, an access entry is kept this long: identity issues no token
// past the cutoff, and any earlier token has expired by then.
const ACCESS_ENTRY_GRACE_MS = 3_600_000;

/**
 * What this process must refuse before tokens expire: sessions that ended,
 * and portal accesses that were revoked or whose expiry was moved. Entries
 * are forgotten once no token they could refuse is still valid.
 */
export class RevocationList {
  private readonly sessionsUntil = new Map<string, number>();
  private readonly accessCutoffs = new Map<string, number>();

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

  /** Why this principal's tokens are refused, or null when they are not. */
  refusal(principal: Principal): string | null {
    return this.refusalFor(
      principal.sessionId,
      principal.kind === 'CONTACT' ? principal.accessId : null,
    );
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
