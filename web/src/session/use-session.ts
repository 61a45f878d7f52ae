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

/**
 * Owners and admins manage the whole organization (team, settings, emails, audit trail,
 * deleting customers); the API has the same rule, this keeps the pages from offering more.
 */
export const managesOrganization = (user: SessionUser): boolean =>
  user.role === 'OWNER' || user.role === 'ADMIN';
