import { type Principal, principalScope, requirePrincipal } from '@portico/auth';
import { unauthenticated } from '@portico/errors';
import type { SubgraphContext } from '@portico/subgraph';
import type { OneTimeTokens } from './one-time-tokens';
import type { PasswordResets } from './password-resets';
import type { AttemptThrottle } from './attempt-throttle';
import type { DeviceTokens } from './device-tokens';
import type { OwnerVerification } from './owner-verification';
import type { OrganizationRegistration } from './organization-registration';
import type { PasswordChanges } from './password-changes';
import type { PasswordSignIn } from './password-sign-in';
import type { StaffDirectory } from './staff-directory';
import type { StaffInvitations } from './staff-invitations';
import type { IdentityStore } from './store';
import type { Sessions } from './tokens/sessions';

export interface IdentityContext extends SubgraphContext {
  store: IdentityStore;
  sessions: Sessions;
  resetThrottle: AttemptThrottle;
  registration: OrganizationRegistration;
  passwordSignIn: PasswordSignIn;
  passwordChanges: PasswordChanges;
  passwordResets: PasswordResets;
  staffInvitations: StaffInvitations;
  oneTimeTokens: OneTimeTokens;
  staffDirectory: StaffDirectory;
  deviceTokens: DeviceTokens;
  ownerVerification: OwnerVerification;
}

/** The caller, if their token's session is still active (signed out or revoked: UNAUTHENTICATED). */
export async function activePrincipal({ auth, sessions }: IdentityContext): Promise<Principal> {
  const principal = requirePrincipal(auth);
  if (!(await sessions.isActive(principalScope(principal), principal.sessionId)))
    throw unauthenticated('Your session has ended; sign in again');
  return principal;
}
