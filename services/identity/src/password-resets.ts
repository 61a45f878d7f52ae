import { badInput } from '@portico/errors';
import { createEvent } from '@portico/events';
import type { EventBus } from '@portico/kafka';
import type { OneTimeTokens } from './one-time-tokens';
import { checkPasswordPolicy, hashPassword } from './passwords';
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
   * outbox, so the secret is never at rest; if publishing fails the user asks again.
   */
  async request(email: string, organizationSlug: string | null): Promise<number> {
    let users = await this.store.users.find({ email, disabled: false }).lean().exec();
    if (organizationSlug) {
      const organization = await this.store.organizations
        .findOne({ slug: organizationSlug }, { _id: 1 })
        .lean()
        .exec();
      users = users.filter((user) => user.tenantId === organization?._id);
    }
    for (const user of users) {
      const { token, expiresAt } = await this.tokens.issue(
        'PASSWORD_RESET',
        user.tenantId,
        user._id,
        RESET_TTL_MS,
      );
      await this.bus.publish([
        createEvent({
          type: 'portico.identity.password-reset-requested.v1',
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
        }),
      ]);
      await this.store.audit({
        tenantId: user.tenantId,
        actorId: null,
        action: 'user.password-reset-requested',
        targetType: 'User',
        targetId: user._id,
      });
    }
    return users.length;
  }

  /** Sets the new password and ends every session of the user. The token works once. */
  async reset(
    token: string,
    newPassword: string,
    client: { ip: string | null; userAgent: string | null },
  ): Promise<void> {
    await checkPasswordPolicy('newPassword', newPassword); // before the token is used up
    const { tenantId, userId } = await this.tokens.redeem(['PASSWORD_RESET'], token);
    const user = await this.store.users
      .findOne({ _id: userId, tenantId, disabled: false })
      .lean()
      .exec();
    if (!user) throw badInput('token', 'This link is invalid, used or expired; ask for a new one');
    await this.store.users.updateOne(
      { _id: user._id, tenantId: user.tenantId },
      { $set: { passwordHash: await hashPassword(newPassword) } },
    );
    await this.sessions.revokeOthers(user, '', 'password reset');
    await this.store.audit({
      tenantId: user.tenantId,
      actorId: user._id,
      action: 'user.password-reset',
      targetType: 'User',
      targetId: user._id,
      ...client,
    });
  }
}
