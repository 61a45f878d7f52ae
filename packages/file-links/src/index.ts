import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a download link is bound to. */
export interface FileLinkClaims {
  tenantId: string;
  /** The file's path below /files, e.g. `documents/<id>`. */
  path: string;
  /** The principal the link was made for. */
  userId: string;
  /** The session it was made in: the link dies with it. */
  sessionId: string;
  /** A contact's portal access: the link dies when it is revoked or loses the download right. */
  accessId: string | null;
  expiresAt: Date;
}

const signature = (secret: string, claims: FileLinkClaims) =>
  createHmac('sha256', secret)
    .update(
      [
        claims.tenantId,
        claims.path,
        claims.userId,
        claims.sessionId,
        claims.accessId ?? '',
        claims.expiresAt.getTime(),
      ].join('\n'),
    )
    .digest('base64url');

/** An absolute URL under `publicUrl`: /files/<path>?tid&sub&sid[&aid]&exp&sig. */
export function signFileLink(secret: string, publicUrl: string, claims: FileLinkClaims): string {
  const url = new URL(`/files/${claims.path}`, publicUrl);
  url.searchParams.set('tid', claims.tenantId);
  url.searchParams.set('sub', claims.userId);
  url.searchParams.set('sid', claims.sessionId);
  if (claims.accessId) url.searchParams.set('aid', claims.accessId);
  url.searchParams.set('exp', String(claims.expiresAt.getTime()));
  url.searchParams.set('sig', signature(secret, claims));
  return url.toString();
}

export type FileLinkCheck =
  | { ok: true; claims: FileLinkClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

/** Checks a link's query for `path`: signed by us, for this very path, not expired. */
export function verifyFileLink(
  secret: string,
  path: string,
  query: Record<string, unknown>,
  now = Date.now(),
): FileLinkCheck {
  const { tid, sub, sid, aid, exp, sig } = query;
  if (
    typeof tid !== 'string' ||
    typeof sub !== 'string' ||
    typeof sid !== 'string' ||
    typeof sig !== 'string' ||
    (aid !== undefined && typeof aid !== 'string')
  )
    return { ok: false, reason: 'malformed' };
  const expiresAt = new Date(Number(exp));
  if (typeof exp !== 'string' || Number.isNaN(expiresAt.getTime()))
    return { ok: false, reason: 'malformed' };
  const claims = {
    tenantId: tid,
    path,
    userId: sub,
    sessionId: sid,
    accessId: aid ?? null,
    expiresAt,
  };
  const expected = Buffer.from(signature(secret, claims));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad-signature' };
  if (expiresAt.getTime() <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
