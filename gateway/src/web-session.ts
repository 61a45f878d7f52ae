import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { ApolloServerPlugin } from '@apollo/server';

/**
 * The web portal's session: the refresh token (and the device token that spares a known device
 * the sign-in throttle) live in HttpOnly, SameSite=Strict cookies, so no page script can read
 * them. A browser marks the few session operations (sign-in, refresh, sign-out, activation)
 * with this header; the gateway fills their token variables from the cookies and moves the
 * tokens of their answers into cookies. The header also forces a CORS preflight, so another
 * site cannot send it. Bearer clients (mobile apps, partners) never send it and see no change.
 */
export const WEB_SESSION_HEADER = 'x-portico-session';

export const REFRESH_COOKIE = 'portico_refresh';
export const DEVICE_COOKIE = 'portico_device';
/** As long as identity honours a device token. */
const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 3_600;
/** Only the GraphQL endpoint needs them. */
const COOKIE_PATH = '/graphql';

export interface WebSession {
  res: ServerResponse;
  /** Cookies may only be Secure when the browser reached us over https. */
  secure: boolean;
}

type Body = { variables?: Record<string, unknown> | null } | undefined;

export function isWebSessionRequest(req: IncomingMessage): boolean {
  return req.headers[WEB_SESSION_HEADER] === 'cookie';
}

/** The request's cookies by name (the first of a repeated name wins). */
export function readCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (name && !cookies.has(name)) cookies.set(name, part.slice(at + 1).trim());
  }
  return cookies;
}

/**
 * Gives a session request's `$refreshToken` and `$deviceToken` variables the cookies' values,
 * whatever the page sent: the page never knows them.
 */
export function fillSessionVariables(req: IncomingMessage & { body?: unknown }): void {
  const body = req.body as Body;
  const variables = body?.variables;
  if (!variables || typeof variables !== 'object') return;
  const cookies = readCookies(req.headers.cookie);
  if ('refreshToken' in variables) variables.refreshToken = cookies.get(REFRESH_COOKIE) ?? '';
  if ('deviceToken' in variables) variables.deviceToken = cookies.get(DEVICE_COOKIE) ?? null;
}

export function webSessionOf(req: IncomingMessage, res: ServerResponse): WebSession | undefined {
  if (!isWebSessionRequest(req)) return undefined;
  const encrypted = (req.socket as TLSSocket).encrypted === true;
  return { res, secure: encrypted || req.headers['x-forwarded-proto'] === 'https' };
}

export function sessionCookie(
  name: string,
  value: string,
  options: { secure: boolean; maxAgeS?: number },
): string {
  const parts = [`${name}=${value}`, `Path=${COOKIE_PATH}`, 'HttpOnly', 'SameSite=Strict'];
  if (options.maxAgeS !== undefined) parts.push(`Max-Age=${options.maxAgeS}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

interface AuthPayloadLike {
  refreshToken: string;
  deviceToken?: string | null;
}

const isAuthPayload = (value: unknown): value is AuthPayloadLike =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { refreshToken?: unknown }).refreshToken === 'string';

/**
 * What a session answer does to the browser's cookies, and the answer the page may see.
 * Exported for its unit test; the plugin below applies it.
 */
export function moveTokensToCookies(
  data: Record<string, unknown> | null | undefined,
  failedFields: string[],
  secure: boolean,
): string[] {
  const cookies: string[] = [];
  for (const value of Object.values(data ?? {})) {
    if (!isAuthPayload(value)) continue;
    // A browser session cookie: it ends with the browser, and identity ends it on its own clock.
    if (value.refreshToken)
      cookies.push(sessionCookie(REFRESH_COOKIE, value.refreshToken, { secure }));
    value.refreshToken = '';
    if (value.deviceToken) {
      cookies.push(
        sessionCookie(DEVICE_COOKIE, value.deviceToken, {
          secure,
          maxAgeS: DEVICE_COOKIE_MAX_AGE_S,
        }),
      );
      value.deviceToken = null;
    }
  }
  const ended = data?.logout === true || failedFields.includes('refreshSession');
  if (ended) cookies.push(sessionCookie(REFRESH_COOKIE, '', { secure, maxAgeS: 0 }));
  return cookies;
}

/** Applies moveTokensToCookies to every answer of a session request. */
export function webSessionPlugin<
  Context extends { webSession?: WebSession },
>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const session = contextValue.webSession;
      if (!session) return;
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const failed = (result.errors ?? []).map((error) => String(error.path?.[0] ?? ''));
          const cookies = moveTokensToCookies(result.data, failed, session.secure);
          for (const cookie of cookies) session.res.appendHeader('set-cookie', cookie);
          // Answers that carry session tokens are never stored by a cache.
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
