import { graphqlRequest, GraphQLRequestError, SESSION_HEADERS } from '../api/graphql-request';
import { graphql } from '../gql';
import type { SessionUserFieldsFragment } from '../gql/graphql';

/**
 * The signed-in session in this tab. The access token lives only in memory; the refresh token
 * only in an HttpOnly cookie the gateway sets (see gateway/src/web-session.ts), so a reload
 * restores the session through the cookie and no script can take it away.
 */
export const SessionUserFields = graphql(`
  fragment SessionUserFields on User {
    id
    email
    firstName
    lastName
    kind
    role
    customerId
    portalAccess {
      id
      accessLevel {
        id
        permissions
      }
    }
    organization {
      id
      name
      slug
    }
  }
`);

/**
 * What every session operation (sign-in, activation, refresh) asks for. The gateway recognises
 * an AuthPayload by its refreshToken, moves it and the deviceToken into cookies and sends both
 * blank: they are asked for so the gateway can take them.
 */
export const SessionPayload = graphql(`
  fragment SessionPayload on AuthPayload {
    accessToken
    refreshToken
    deviceToken
    expiresAt
    user {
      ...SessionUserFields
    }
  }
`);

const RefreshSession = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...SessionPayload
    }
  }
`);

export type SessionUser = SessionUserFieldsFragment;

export interface SignedIn {
  accessToken: string;
  expiresAt: string;
  user: SessionUser;
}

export type SessionState =
  | { status: 'unknown' }
  | { status: 'signed-out'; reason: 'signed-out' | 'expired' | 'none' }
  | { status: 'signed-in'; user: SessionUser };

/** Renew this long before the access token expires, so no request carries a dying one. */
const RENEW_BEFORE_MS = 30_000;
const channel =
  typeof BroadcastChannel === 'function' ? new BroadcastChannel('portico-session') : null;

class SessionStore {
  private state: SessionState = { status: 'unknown' };
  private accessToken: string | null = null;
  private expiresAt = 0;
  private refreshing: Promise<string | null> | null = null;
  private listeners = new Set<() => void>();

  constructor() {
    // Signing out in one tab signs out every tab.
    channel?.addEventListener('message', (event) => {
      if (event.data === 'signed-out') this.clear('signed-out', false);
    });
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = () => this.state;

  signedIn(payload: SignedIn): void {
    this.accessToken = payload.accessToken;
    this.expiresAt = Date.parse(payload.expiresAt);
    this.set({ status: 'signed-in', user: payload.user });
  }

  updateUser(user: SessionUser): void {
    if (this.state.status === 'signed-in') this.set({ status: 'signed-in', user });
  }

  /** Forgets the session here (and, on sign-out, in the other tabs). */
  clear(reason: 'signed-out' | 'expired' | 'none', broadcast = reason === 'signed-out'): void {
    this.accessToken = null;
    this.expiresAt = 0;
    this.set({ status: 'signed-out', reason });
    if (broadcast) channel?.postMessage('signed-out');
  }

  /** A token good for the next request, renewed through the cookie when needed; null: none. */
  async token(): Promise<string | null> {
    if (this.accessToken && this.expiresAt - Date.now() > RENEW_BEFORE_MS) return this.accessToken;
    if (this.state.status === 'signed-out') return null;
    return this.refresh();
  }

  /** Renews the session once, however many requests ask at the same time. */
  refresh(): Promise<string | null> {
    this.refreshing ??= this.renew().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async renew(): Promise<string | null> {
    const wasSignedIn = this.state.status === 'signed-in';
    // Tabs take turns: each uses the cookie the previous one left, so none reuses a spent token.
    const renewed = await withLock('portico-refresh', requestRefresh);
    if (!renewed) {
      this.clear(wasSignedIn ? 'expired' : 'none', false);
      return null;
    }
    this.signedIn(renewed);
    return renewed.accessToken;
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks)
    return navigator.locks.request(name, task) as Promise<T>;
  return task();
}

/** The cookie's session renewed, or null when there is none (or it ended); OfflineError when unsure. */
async function requestRefresh(): Promise<SignedIn | null> {
  try {
    const data = await graphqlRequest(RefreshSession, { refreshToken: '' }, SESSION_HEADERS);
    return data.refreshSession ?? null;
  } catch (error) {
    if (error instanceof GraphQLRequestError) return null;
    throw error;
  }
}

export const session = new SessionStore();
