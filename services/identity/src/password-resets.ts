import { storedScope } from '@portico/auth';
import type { RequestClient } from '@portico/subgraph';
import { badInput } from '@portico/errors';
import { createEvent } from '@portico/events';
import type { EventBus } from '@portico/kafka';
import type { OneTimeTokens } from './one-time-tokens';
import { checkPasswordPolicy, hashPassword } from './passwords';
import type { UserRecord } from './model/user';
import type { IdentityStore } from './store';
import type { Sessions } from './tokens/sessions';

const RESET_TTL_MS = 60 * 60_000;

/** Password reset by emailed link: a one-time token, stored only as its hash. */
export class PasswordResets {
  constructor(
    private readonly store: IdentityStore,
    private readonly bus: EventBus,
    private readonly sessions: Sessions,
    private readonly tokens: OneTimeTokens,
  ) {}

  /**
   * Creates a reset for each matching account and hands the token to the
   * notification service. The event is published directly, not through the
   * outbox, so the secret is never in our database, and sealed for the
   * notification service, so Kafka keeps it unreadable; if publishing fails
   * the user asks again.
   */
  async request(email: string, organizationSlug: string | null): Promise<number> {
    const users = await this.store.accountsByEmail(email, organizationSlug);
    for (const user of users) {
      // No password yet means an invitation not accepted: a reset would activate the account
      // without the SMS code, so the email points back to the invitation instead.
      const event = user.passwordHash
        ? await this.resetEvent(user)
        : await this.invitationReminderEvent(user);
      await this.bus.publish([event]);
      await this.store.audit(storedScope(user), {
        actorId: null,
        action: user.passwordHash
          ? 'user.password-reset-requested'
          : 'user.password-reset-refused-not-activated',
        targetType: 'User',
        targetId: user._id,
      });
    }
    return users.length;
  }

  private async resetEvent(user: UserRecord) {
    const type = 'portico.identity.password-reset-requested.v1';
    const { token, expiresAt } = await this.tokens.issueSealed(
      'PASSWORD_RESET',
      storedScope(user),
      user._id,
      RESET_TTL_MS,
      type,
    );
    return createEvent({
      type,
      service: 'identity',
      subject: user._id,
      tenantId: user.tenantId,
      data: {
        userId: user._id,
        email: user.email,
        firstName: user.firstName,
        token,
        expiresAt: expiresAt.toISOString(),
      },
    });
  }

  private async invitationReminderEvent(user: UserRecord) {
    const organizationName = await this.store.organizationName(storedScope(user));
    return createEvent({
      type: 'portico.identity.password-reset-unavailable.v1',
      service: 'identity',
      subject: user._id,
      tenantId: user.tenantId,
      data: {
        userId: user._id,
        email: user.email,
        firstName: user.firstName,
        kind: user.kind,
        organizationName: organizationName ?? 'Portico',
        accessId: user.accessId,
        customerId: user.customerId,
      },
    });
  }

  /** Sets the new password and ends every session of the user. The token works once. */
  async reset(token: string, newPassword: string, client: RequestClient): Promise<void> {
    await checkPasswordPolicy('newPassword', newPassword); // before the token is used up
    const redeemed = await this.tokens.redeem(['PASSWORD_RESET'], token);
    const user = await this.store.findActiveUser(storedScope(redeemed), redeemed.userId);
    if (!user) throw badInput('token', 'This link is invalid, used or expired; ask for a new one');
    // Resets are issued only for accounts with a password; one issued before that rule never
    // activates an invitation (that takes the invitation link and its SMS code).
    if (!user.passwordHash)
      throw badInput(
        'token',
        'This account is not activated yet: use the invitation you were sent',
      );
    await this.store.updateUser(storedScope(user), user._id, {
      passwordHash: await hashPassword(newPassword),
    });
    await this.sessions.revokeOthers(user, '', 'password reset');
    await this.store.audit(storedScope(user), {
      actorId: user._id,
      action: 'user.password-reset',
      targetType: 'User',
      targetId: user._id,
      ...client,
    });
  }
}
