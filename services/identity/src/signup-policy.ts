import { createHash, timingSafeEqual } from 'node:crypto';
import { badInput, forbidden } from '@portico/errors';

/** Who may register an organization: anyone, holders of a sign-up code, or nobody. */
export type SignupMode = 'open' | 'invite' | 'closed';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Refuses a registration the platform's SIGNUP_MODE does not allow: FORBIDDEN when sign-up is
 * closed, BAD_USER_INPUT on input.signupCode when a code is needed and not one of SIGNUP_CODES.
 */
export function checkSignup(
  mode: SignupMode,
  codes: readonly string[],
  given: string | null | undefined,
): void {
  if (mode === 'open') return;
  if (mode === 'closed') throw forbidden('Sign-up is closed on this platform');
  // Compared as digests: equal lengths for timingSafeEqual, and no early exit on a prefix.
  const offered = digest(given ?? '');
  if (!given || !codes.some((code) => timingSafeEqual(digest(code), offered)))
    throw badInput('input.signupCode', 'Sign-up needs a valid sign-up code');
}
