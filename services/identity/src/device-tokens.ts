import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

const LIFETIME_MS = 180 * 86_400_000;

/**
 * Known devices: a browser or app that signed in to an account before gets a token bound to
 * that account (HMAC under a key derived from SIGNING_KEY_SECRET) and shows it at its next
 * sign-in. Its wrong guesses are counted for that device alone, so someone who only knows the
 * email cannot lock the owner out by failing on purpose (OWASP's device cookies).
 */
export class DeviceTokens {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHash('sha256').update(`portico device tokens\n${secret}`).digest();
  }

  /** A token for `device` (a new device when null) signing in to `email`: `<device>.<issued>.<mac>`. */
  issue(email: string, device: string | null = null): string {
    const id = device ?? randomUUID();
    const issuedAt = String(this.now());
    return `${id}.${issuedAt}.${this.mac(email, id, issuedAt)}`;
  }

  /** The device a token names, when it was made for this account and is not too old; else null. */
  deviceOf(token: string | null | undefined, email: string): string | null {
    const [id = '', issuedAt = '', mac = ''] = (token ?? '').split('.');
    if (!id || !/^\d+$/.test(issuedAt)) return null;
    const expected = Buffer.from(this.mac(email, id, issuedAt));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return this.now() - Number(issuedAt) < LIFETIME_MS ? id : null;
  }

  private mac(email: string, id: string, issuedAt: string): string {
    return createHmac('sha256', this.key)
      .update(`${email}\n${id}\n${issuedAt}`)
      .digest('base64url');
  }
}
