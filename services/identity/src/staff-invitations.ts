import { randomUUID } from 'node:crypto';
import { principalScope, storedScope, type StaffPrincipal, type StaffRole } from '@portico/auth';
import { badInput, conflict, forbidden } from '@portico/errors';
import { createEvent } from '@portico/events';
import type { EventBus } from '@portico/kafka';
import { isDuplicateKeyError } from '@portico/mongo';
import { normalizeEmail, optionalText } from '@portico/validation';
import type { CreateStaffUserInput } from './generated/resolver-types';
import type { UserRecord } from './model/user';
import type { OneTimeTokens } from './one-time-tokens';
import type { IdentityStore } from './store';

const INVITATION_TTL_MS = 7 * 86_400_000;
const ROLES: StaffRole[] = ['OWNER', 'ADMIN', 'SPECIALIST'];

/** Staff users join by invitation: created without a password, activated through the emailed link. */
export class StaffInvitations {
  constructor(
    private readonly store: IdentityStore,
    private readonly bus: EventBus,
    private readonly tokens: OneTimeTokens,
  ) {}

  /** OWNER and ADMIN invite; only an OWNER may invite another OWNER. */
  async invite(inviter: StaffPrincipal, input: CreateStaffUserInput): Promise<UserRecord> {
    if (inviter.role === 'SPECIALIST') throw forbidden('Only owners and admins invite staff');
    if (!ROLES.includes(input.role)) throw badInput('input.role', 'Unknown role');
    if (input.role === 'OWNER' && inviter.role !== 'OWNER')
      throw forbidden('Only an owner may invite an owner');
    const email = normalizeEmail('input.email', input.email);
    let user: UserRecord;
    try {
      user = await this.store.createUser(principalScope(inviter), {
        _id: randomUUID(),
        email,
        passwordHash: null,
        firstName: optionalText('input.firstName', input.firstName, 100),
        lastName: optionalText('input.lastName', input.lastName, 100),
        kind: 'STAFF',
        role: input.role,
      });
    } catch (error) {
      if (isDuplicateKeyError(error))
        throw conflict('input.email', 'A user with this email exists in your organization');
      throw error;
    }
    const [organization, inviterUser] = await Promise.all([
      this.store.findOrganization(principalScope(inviter)),
      this.store.findUser(principalScope(inviter), inviter.userId),
    ]);
    // Published directly, not through the outbox: the secret is never at rest. resendInvitation can repeat it.
    const type = 'portico.identity.staff-invited.v1';
    const { token, expiresAt } = await this.tokens.issueSealed(
      'STAFF_INVITATION',
      storedScope(user),
      user._id,
      INVITATION_TTL_MS,
      type,
    );
    await this.bus.publish([
      createEvent({
        type,
        service: 'identity',
        subject: user._id,
        tenantId: user.tenantId,
        data: {
          userId: user._id,
          email,
          firstName: user.firstName,
          role: input.role,
          organizationName: organization?.name ?? 'Portico',
          invitedBy:
            [inviterUser?.firstName, inviterUser?.lastName].filter(Boolean).join(' ') || null,
          token,
          expiresAt: expiresAt.toISOString(),
        },
      }),
    ]);
    return user;
  }
}
