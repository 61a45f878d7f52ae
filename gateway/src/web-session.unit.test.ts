import type { IncomingMessage } from 'node:http';
import {
  DEVICE_COOKIE,
  fillSessionVariables,
  moveTokensToCookies,
  readCookies,
  REFRESH_COOKIE,
} from './web-session';

const request = (cookie: string, variables: Record<string, unknown>) =>
  ({ headers: { cookie }, body: { query: '…', variables } }) as unknown as IncomingMessage & {
    body: { variables: Record<string, unknown> };
  };

describe('web session cookies', () => {
  it('reads cookies by name, the first of a repeated name winning', () => {
    const cookies = readCookies(`a=1; ${REFRESH_COOKIE}=r.t-1; ${REFRESH_COOKIE}=later; junk`);
    expect(cookies.get(REFRESH_COOKIE)).toBe('r.t-1');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.has('junk')).toBe(false);
  });

  it('fills the token variables from the cookies, whatever the page sent', () => {
    const req = request(`${REFRESH_COOKIE}=from-cookie; ${DEVICE_COOKIE}=device-1`, {
      refreshToken: 'typed-by-a-script',
      deviceToken: null,
      email: 'a@example.com',
    });
    fillSessionVariables(req);
    expect(req.body.variables).toEqual({
      refreshToken: 'from-cookie',
      deviceToken: 'device-1',
      email: 'a@example.com',
    });
    const without = request('', { refreshToken: 'x', deviceToken: 'y' });
    fillSessionVariables(without);
    expect(without.body.variables).toEqual({ refreshToken: '', deviceToken: null });
  });

  it('moves the tokens of a sign-in into HttpOnly SameSite=Strict cookies and blanks them', () => {
    const data = {
      login: { accessToken: 'a', refreshToken: 'r1', deviceToken: 'd1', user: { id: 'u' } },
    };
    const cookies = moveTokensToCookies(data, [], true);
    expect(data.login).toEqual({
      accessToken: 'a',
      refreshToken: '',
      deviceToken: null,
      user: { id: 'u' },
    });
    expect(cookies).toEqual([
      `${REFRESH_COOKIE}=r1; Path=/graphql; HttpOnly; SameSite=Strict; Secure`,
      expect.stringMatching(
        new RegExp(
          `^${DEVICE_COOKIE}=d1; Path=/graphql; HttpOnly; SameSite=Strict; Max-Age=15552000; Secure$`,
        ),
      ),
    ]);
  });

  it('clears the refresh cookie on sign-out and on a refused refresh, not on other answers', () => {
    const cleared = `${REFRESH_COOKIE}=; Path=/graphql; HttpOnly; SameSite=Strict; Max-Age=0`;
    expect(moveTokensToCookies({ logout: true }, [], false)).toEqual([cleared]);
    expect(moveTokensToCookies(null, ['refreshSession'], false)).toEqual([cleared]);
    expect(moveTokensToCookies({ me: { id: 'u' } }, [], false)).toEqual([]);
    expect(moveTokensToCookies(null, ['login'], false)).toEqual([]);
  });
});
