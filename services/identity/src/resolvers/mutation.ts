import type { MutationResolvers } from '../generated/resolver-types';
import { createEvent, type CloudEvent } from '@portico/events';
import { unauthenticated } from '@portico/errors';
import { normalizeEmail, optionalText } from '@portico/validation';
import {
  principalScope,
  requireStaff,
  type StaffPrincipal,
  storedScope,
  type TenantScope,
} from '@portico/auth';
import { activePrincipal, type IdentityContext } from '../context';
import { acceptInvitation } from '../invitation-acceptance';
import type { UserRecord } from '../model/user';
import type { NewAuditEntry } from '../store';

type AuditFields = Pick<NewAuditEntry, 'actorId' | 'action'> &
  Partial<Pick<NewAuditEntry, 'targetType' | 'targetId' | 'details'>>;

/** Audits with the caller's address and browser. */
function audit(context: IdentityContext, tenant: TenantScope, entry: AuditFields): Promise<void> {
  return context.store.audit(tenant, {
    ...entry,
    ip: context.client.ip,
    userAgent: context.client.userAgent,
  });
}

/** Audits what a staff member did to a staff user's role (invited with it, changed it). */
function auditRole(
  context: IdentityContext,
  actor: StaffPrincipal,
  action: string,
  user: { _id: string; role: string | null },
): Promise<void> {
  return audit(context, principalScope(actor), {
    actorId: actor.userId,
    action,
    targetType: 'User',
    targetId: user._id,
    details: JSON.stringify({ role: user.role }),
  });
}

/**
 * Opens a session for `user`, with a device token for the next sign-in from this device
 * (`device`: the one it came with, kept).
 */
async function signIn(
  user: UserRecord,
  context: IdentityContext,
  action: string,
  events: CloudEvent[] = [],
  device: string | null = null,
) {
  const now = new Date();
  // Three independent writes, side by side: each is a round trip a person waits for.
  const [session] = await Promise.all([
    context.sessions.open(user, events),
    context.store.updateUser(storedScope(user), user._id, { lastLoginAt: now }),
    audit(context, storedScope(user), {
      actorId: user._id,
      action,
      targetType: 'User',
      targetId: user._id,
    }),
  ]);
  return {
    ...session,
    deviceToken: context.deviceTokens.issue(user.email, device),
    user: { ...user, lastLoginAt: now },
  };
}

export const mutationResolvers: MutationResolvers = {
  async registerOrganization(_, { input }, context) {
    const owner = await context.registration.register(input, context.client.ip);
    return signIn(owner, context, 'organization.registered');
  },

  async verifyEmail(_, args, context) {
    await context.ownerVerification.verify(args.token);
    return true;
  },

  async requestEmailVerification(_, __, context) {
    const principal = await activePrincipal(context);
    const user = await context.store.findUser(principalScope(principal), principal.userId);
    if (!user) throw unauthenticated();
    await context.ownerVerification.request(user);
    return true;
  },

  async login(_, args, context) {
    const email = normalizeEmail('email', args.email);
    const { user, device } = await context.passwordSignIn.check(email, args, context.client);
    return signIn(user, context, 'user.signed-in', [], device);
  },

  async refreshSession(_, { refreshToken }, context) {
    const outcome = await context.sessions.refresh(refreshToken);
    if (outcome.kind === 'refreshed') return { ...outcome.tokens, user: outcome.user };
    if (outcome.kind !== 'unknown') {
      await audit(context, storedScope(outcome), {
        actorId: outcome.userId || null,
        action:
          outcome.kind === 'reused' ? 'session.refresh-token-reused' : 'session.refresh-failed',
        targetType: 'Session',
        targetId: outcome.sessionId,
      });
    }
    throw unauthenticated('Invalid or expired refresh token');
  },

  async requestPasswordReset(_, args, context) {
    const email = normalizeEmail('email', args.email);
    // Limited alike for known and unknown addresses: RATE_LIMITED reveals nothing either.
    await context.resetThrottle.attempt(email, context.client.ip);
    const slug = args.organizationSlug?.trim().toLowerCase() || null;
    // Answered at once, the work done after: neither the answer nor its timing tells whether the account exists.
    void context.passwordResets
      .request(email, slug)
      .catch((error: unknown) =>
        context.logger.error({ err: error }, 'password reset request failed'),
      );
    return true;
  },

  async resetPassword(_, args, context) {
    await context.passwordResets.reset(args.token, args.newPassword, context.client);
    return true;
  },

  async createStaffUser(_, { input }, context) {
    const inviter = requireStaff(await activePrincipal(context));
    const user = await context.staffInvitations.invite(inviter, input);
    await auditRole(context, inviter, 'user.staff-invited', user);
    return user;
  },

  async acceptInvitation(_, args, context) {
    const user = await acceptInvitation(context.store, context.oneTimeTokens, args);
    if (user.kind === 'STAFF') return signIn(user, context, 'user.invitation-accepted');
    // The customer service marks the access ACTIVE on this event.
    const activated = createEvent({
      type: 'portico.identity.contact-activated.v1',
      service: 'identity',
      subject: user._id,
      tenantId: user.tenantId,
      data: {
        userId: user._id,
        accessId: user.accessId!,
        customerId: user.customerId!,
        activatedAt: new Date().toISOString(),
      },
    });
    return signIn(user, context, 'user.invitation-accepted', [activated]);
  },

  async logout(_, __, context) {
    const principal = await activePrincipal(context);
    await context.sessions.revoke(principalScope(principal), principal.sessionId, 'signed out');
    await audit(context, principalScope(principal), {
      actorId: principal.userId,
      action: 'user.signed-out',
      targetType: 'Session',
      targetId: principal.sessionId,
    });
    return true;
  },

  async changePassword(_, args, context) {
    const principal = await activePrincipal(context);
    const user = await context.store.findUser(principalScope(principal), principal.userId);
    if (!user) throw unauthenticated();
    await context.passwordChanges.change(user, principal.sessionId, args, context.client);
    return true;
  },

  async setUserDisabled(_, args, context) {
    const actor = requireStaff(await activePrincipal(context));
    const user = await context.staffDirectory.setDisabled(actor, args.id, args.disabled);
    await audit(context, principalScope(actor), {
      actorId: actor.userId,
      action: args.disabled ? 'user.disabled' : 'user.enabled',
      targetType: 'User',
      targetId: user._id,
    });
    return user;
  },

  async setStaffRole(_, args, context) {
    const actor = requireStaff(await activePrincipal(context));
    const user = await context.staffDirectory.setRole(actor, args.id, args.role);
    await auditRole(context, actor, 'user.role-changed', user);
    return user;
  },

  async updateMyProfile(_, { input }, context) {
    const principal = await activePrincipal(context);
    const changes: Partial<Pick<UserRecord, 'firstName' | 'lastName'>> = {};
    if (input.firstName !== undefined)
      changes.firstName = optionalText('input.firstName', input.firstName, 100);
    if (input.lastName !== undefined)
      changes.lastName = optionalText('input.lastName', input.lastName, 100);
    const user = await context.store.updateUser(
      principalScope(principal),
      principal.userId,
      changes,
    );
    if (!user) throw unauthenticated();
    await audit(context, storedScope(user), {
      actorId: user._id,
      action: 'user.profile-updated',
      targetType: 'User',
      targetId: user._id,
    });
    return user;
  },
};
