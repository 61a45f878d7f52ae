/**
 * Sessions that ended before their access tokens expired. Each entry is kept
 * until the session's last token would have expired anyway, then forgotten.
 */
export class RevocationList {
  private readonly until = new Map<string, number>();

  add(sessionId: string, tokensValidUntil: Date): void {
    this.until.set(sessionId, tokensValidUntil.getTime());
    if (this.until.size % 1000 === 0) this.forgetExpired();
  }

  has(sessionId: string): boolean {
    const until = this.until.get(sessionId);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.until.delete(sessionId);
    return false;
  }

  get size(): number {
    return this.until.size;
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [sessionId, until] of this.until) if (until <= now) this.until.delete(sessionId);
  }
}
