import { storedScope } from '@portico/auth';
import type { RequestClient } from '@portico/subgraph';
import { badInput } from '@portico/errors';
import type { UserRecord } from './model/user';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords';
import type { IdentityStore } from './store';
import type { Sessions } from './tokens/sessions';

/** A signed-in user changing their password, which ends their other sessions. */
export class PasswordChanges {
  constructor(
    private readonly store: IdentityStore,
    private readonly sessions: Sessions,
  ) {}

  async change(
    user: UserRecord,
    sessionId: string,
    passwords: { currentPassword: string; newPassword: string },
    client: RequestClient,
  ): Promise<void> {
    const { currentPassword, newPassword } = passwords;
    const entry = {
      actorId: user._id,
      targetType: 'User',
      targetId: user._id,
      ip: client.ip,
      userAgent: client.userAgent,
    };
    if (!user.passwordHash || !(await verifyPassword(currentPassword, user.passwordHash))) {
      await this.store.audit(storedScope(user), {
        ...entry,
        action: 'user.password-change-failed',
      });
      throw badInput('currentPassword', 'Wrong password');
    }
    await checkPasswordPolicy('newPassword', newPassword);
    if (newPassword === currentPassword)
      throw badInput('newPassword', 'Choose a password you have not been using');
    await this.store.updateUser(storedScope(user), user._id, {
      passwordHash: await hashPassword(newPassword),
    });
    // Whoever else holds a session with the old password loses it; this one goes on.
    await this.sessions.revokeOthers(user, sessionId, 'password changed');
    await this.store.audit(storedScope(user), { ...entry, action: 'user.password-changed' });
  }
}
