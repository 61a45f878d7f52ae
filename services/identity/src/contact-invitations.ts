import { randomUUID } from 'node:crypto';
import type { TenantScope } from '@portico/auth';
import { createEvent, type EventData } from '@portico/events';
import type { EventBus } from '@portico/kafka';
import type { Logger } from '@portico/logger';
import { isDuplicateKeyError } from '@portico/mongo';
import type { UserRecord } from './model/user';
import type { OneTimeTokens } from './one-time-tokens';
import type { IdentityStore } from './store';

const INVITATION_TTL_MS = 7 * 86_400_000;

type AccessInvitation = Omit<EventData<'portico.access.granted.v1'>, 'grantedBy'>;

/**
 * Contacts join by invitation when staff grant them portal access (customer
 * service's event): a contact user without a password, a link token and,
 * when the access has a phone number, an SMS code. The secrets travel once,
 * on identity's internal topic to the notification service.
 */
export class ContactInvitations {
  constructor(
    private readonly store: IdentityStore,
    private readonly bus: EventBus,
    private readonly tokens: OneTimeTokens,
    private readonly logger: Logger,
  ) {}

  /** Invites (or invites again) the contact of an access. A resend voids the earlier link and code. */
  async invite(tenant: TenantScope, access: AccessInvitation): Promise<void> {
    const user = await this.contactUser(tenant, access);
    if (!user) return;
    if (user.passwordHash) return; // already activated: a late redelivery
    const organization = await this.store.findOrganization(tenant);
    const type = 'portico.identity.contact-invited.v1';
    const { token, code, expiresAt } = await this.tokens.issueSealed(
      'CONTACT_INVITATION',
      tenant,
      user._id,
      INVITATION_TTL_MS,
      type,
      { withCode: access.phone !== null && access.phone !== undefined },
    );
    await this.bus.publish([
      createEvent({
        type,
        service: 'identity',
        subject: user._id,
        tenantId: tenant.tenantId,
        data: {
          userId: user._id,
          accessId: access.accessId,
          customerId: access.customerId,
          email: access.email,
          phone: access.phone ?? null,
          firstName: access.firstName ?? null,
          organizationName: organization?.name ?? 'Portico',
          customerName: access.customerName,
          token,
          code,
          expiresAt: expiresAt.toISOString(),
        },
      }),
    ]);
  }

  /** The access's user, created on first sight; null when the email is taken by another user. */
  private async contactUser(
    tenant: TenantScope,
    access: AccessInvitation,
  ): Promise<UserRecord | null> {
    const existing = await this.store.findContact(tenant, access.accessId);
    if (existing) return existing;
    try {
      return await this.store.createUser(tenant, {
        _id: randomUUID(),
        email: access.email,
        passwordHash: null,
        firstName: access.firstName ?? null,
        lastName: access.lastName ?? null,
        kind: 'CONTACT',
        role: null,
        accessId: access.accessId,
        customerId: access.customerId,
        accessExpiresAt: access.expiresAt ? new Date(access.expiresAt) : null,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // The customer service allows one live access per email; a staff user may still hold it.
      this.logger.warn(
        { tenantId: tenant.tenantId, accessId: access.accessId },
        'not inviting: the email belongs to another user of the tenant',
      );
      return null;
    }
  }
}
