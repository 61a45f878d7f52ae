import { storedScope } from '@portico/auth';
import { badInput } from '@portico/errors';
import type { UserRecord } from './model/user';
import type { OneTimeTokens } from './one-time-tokens';
import { checkPasswordPolicy, hashPassword } from './passwords';
import type { IdentityStore } from './store';

/**
 * Completes a staff or contact invitation: the link's token, the SMS code
 * when the invitation has one, and the password the user chose. Returns the
 * now active user.
 */
export async function acceptInvitation(
  store: IdentityStore,
  tokens: OneTimeTokens,
  input: { token: string; code?: string | null; password: string },
): Promise<UserRecord> {
  await checkPasswordPolicy('password', input.password); // before the token is used up
  const redeemed = await tokens.redeem(
    ['STAFF_INVITATION', 'CONTACT_INVITATION'],
    input.token,
    input.code,
  );
  const passwordHash = await hashPassword(input.password);
  const user = await store.updateUser(
    storedScope(redeemed),
    redeemed.userId,
    { passwordHash },
    { onlyActive: true },
  );
  if (!user) throw badInput('token', 'This link is invalid, used or expired; ask for a new one');
  return user;
}
