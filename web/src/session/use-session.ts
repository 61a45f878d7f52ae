import { useSyncExternalStore } from 'react';
import { session, type SessionState, type SessionUser } from './session-store';

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** The signed-in user; only for pages under RequireSession. */
export function useUser(): SessionUser {
  const state = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser outside a signed-in page');
  return state.user;
}
