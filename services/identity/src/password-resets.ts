import { randomBytes } from 'node:crypto';
import { badInput } from '@portico/errors';
import { createEvent } from '@portico/events';
import type { EventBus } from '@portico/kafka';
import { isDuplicateKeyError } from '@portico/mongo';
import { checkPasswordPolicy, hashPassword } from './passwords';
import type { IdentityStore } from './store';
import { hashToken, type Sessions } from './tokens/sessions';

const RESET_TTL_MS = 60 * 60_000;
const invalidToken = () =>
  badInput('token', 'This reset link is invalid, used or expired; request a new one');

/** Password reset by emailed link: a one-time token, stored only as its hash. */
export class PasswordResets {
  constructor(
    private readonly store: IdentityStore,
    private readonly bus: EventBus,
    private readonly sessions: Sessions,
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
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + RESET_TTL_MS);
      await this.store.passwordResets.create({
        _id: hashToken(token),
        tenantId: user.tenantId,
        userId: user._id,
        expiresAt,
      });
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
    const _id = hashToken(token);
    const reset = await this.store.passwordResets
      .findOne({ _id, expiresAt: { $gt: new Date() } })
      .lean()
      .exec();
    if (!reset) throw invalidToken();
    try {
      await this.store.passwordResetUses.insertOne({ _id, usedAt: new Date() });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw invalidToken();
      throw error;
    }
    const user = await this.store.users
      .findOne({ _id: reset.userId, tenantId: reset.tenantId, disabled: false })
      .lean()
      .exec();
    if (!user) throw invalidToken();
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
