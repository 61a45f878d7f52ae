import { signFileLink, verifyFileLink } from './index';

const SECRET = 'file-link-secret-for-tests';
const claims = {
  tenantId: 't1',
  path: 'documents/d1',
  userId: 'u1',
  sessionId: 's1',
  accessId: 'a1',
  expiresAt: new Date(Date.now() + 60_000),
};
const queryOf = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('file links', () => {
  it('verify for the path they were made for', () => {
    const url = signFileLink(SECRET, 'https://portal.example', claims);
    expect(url.startsWith('https://portal.example/files/documents/d1?')).toBe(true);
    expect(verifyFileLink(SECRET, 'documents/d1', queryOf(url))).toEqual({ ok: true, claims });
    const staffLink = signFileLink(SECRET, 'https://portal.example', { ...claims, accessId: null });
    expect(verifyFileLink(SECRET, 'documents/d1', queryOf(staffLink))).toEqual({
      ok: true,
      claims: { ...claims, accessId: null },
    });
  });

  it('refuse another file, another principal, a tampered or foreign signature, and expiry', () => {
    const query = queryOf(signFileLink(SECRET, 'https://portal.example', claims));
    expect(verifyFileLink(SECRET, 'documents/d2', query)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    for (const claim of ['sub', 'sid', 'aid'])
      expect(verifyFileLink(SECRET, 'documents/d1', { ...query, [claim]: 'other' })).toMatchObject({
        ok: false,
      });
    const { aid: _aid, ...withoutAccess } = query;
    expect(verifyFileLink(SECRET, 'documents/d1', withoutAccess)).toMatchObject({ ok: false });
    expect(
      verifyFileLink(SECRET, 'documents/d1', {
        ...query,
        sig: `${query.sig!.slice(0, -1)}${query.sig!.endsWith('A') ? 'B' : 'A'}`,
      }),
    ).toMatchObject({ ok: false });
    expect(verifyFileLink('other-secret', 'documents/d1', query)).toMatchObject({ ok: false });
    expect(verifyFileLink(SECRET, 'documents/d1', query, claims.expiresAt.getTime())).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyFileLink(SECRET, 'documents/d1', { sig: 'x' })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});
