import { storedScope } from '@portico/auth';
import { createEvent } from '@portico/events';
import { forbidden } from '@portico/errors';
import type { EventBus } from '@portico/kafka';
import type { UserRecord } from './model/user';
import type { OneTimeTokens } from './one-time-tokens';
import type { IdentityStore } from './store';

const VERIFICATION_TTL_MS = 7 * 86_400_000;

/**
 * A new organization's owner confirms their email address before the organization emails any
 * customer: nobody can register with someone else's address and mail that person's name to
 * strangers. Until then the notification service holds customer emails (and sends them after).
 */
export class OwnerVerification {
  constructor(
    private readonly store: IdentityStore,
    private readonly bus: EventBus,
    private readonly tokens: OneTimeTokens,
    private readonly publishPending: () => Promise<void>,
  ) {}

  /**
   * Emails the owner a link to confirm their address (an earlier link stops working). Published
   * directly, not through the outbox, so the secret is never in our database; sealed on Kafka.
   */
  async request(owner: UserRecord): Promise<void> {
    if (owner.role !== 'OWNER') throw forbidden('Owners confirm their organization’s address');
    const organization = await this.store.findOrganization(storedScope(owner));
    if (!organization || organization.verifiedAt) return;
    const type = 'portico.identity.owner-verification-requested.v1';
    const { token, expiresAt } = await this.tokens.issueSealed(
      'EMAIL_VERIFICATION',
      storedScope(owner),
      owner._id,
      VERIFICATION_TTL_MS,
      type,
    );
    await this.bus.publish([
      createEvent({
        type,
        service: 'identity',
        subject: owner._id,
        tenantId: owner.tenantId,
        data: {
          userId: owner._id,
          email: owner.email,
          firstName: owner.firstName,
          organizationName: organization.name,
          token,
          expiresAt: expiresAt.toISOString(),
        },
      }),
    ]);
  }

  /** Confirms the address from the emailed link; the organization may email customers from then on. */
  async verify(token: string): Promise<void> {
    const redeemed = await this.tokens.redeem(['EMAIL_VERIFICATION'], token);
    const { tenantId } = redeemed;
    const verifiedAt = new Date();
    // The state and its event in one write (outbox); a second confirmation changes nothing.
    await this.store.markOrganizationVerified(
      storedScope(redeemed),
      verifiedAt,
      createEvent({
        type: 'portico.identity.organization-verified.v1',
        service: 'identity',
        subject: tenantId,
        tenantId,
        data: { organizationId: tenantId, verifiedAt: verifiedAt.toISOString() },
      }),
    );
    void this.publishPending();
  }
}
