import { lockDocument } from '@portico/outbox';
import { randomUUID } from 'node:crypto';
import { createEvent, type CloudEvent } from '@portico/events';
import { badInput, conflict, unauthenticated } from '@portico/errors';
import { isDuplicateKeyError } from '@portico/mongo';
import { normalizeEmail, optionalText, requireSlug, requireText } from '@portico/validation';
import { requireStaff, type StaffRole } from '@portico/auth';
import { activePrincipal, type IdentityContext } from '../context';
import { acceptInvitation } from '../invitation-acceptance';
import { checkSignup } from '../signup-policy';
import { maySignIn } from '../tokens/sessions';
import type { CreateStaffUserInput } from '../staff-invitations';
import type { UserRecord } from '../model/user';
import { checkPasswordPolicy, decoyPasswordHash, hashPassword, verifyPassword } from '../passwords';
import type { NewAuditEntry } from '../store';

interface RegisterOrganizationInput {
  signupCode?: string | null;
  name: string;
  slug: string;
  ownerEmail: string;
  ownerPassword: string;
  ownerFirstName: string;
  ownerLastName: string;
}

type AuditFields = Pick<NewAuditEntry, 'tenantId' | 'actorId' | 'action'> &
  Partial<Pick<NewAuditEntry, 'targetType' | 'targetId' | 'details'>>;

/** Audits with the caller's address and browser. */
function audit(context: IdentityContext, entry: AuditFields): Promise<void> {
  return context.store.audit({
    ...entry,
    ip: context.client.ip,
    userAgent: context.client.userAgent,
  });
}

/** Audits what a staff member did to a staff user's role (invited with it, changed it). */
function auditRole(
  context: IdentityContext,
  actor: { tenantId: string; userId: string },
  action: string,
  user: { _id: string; role: string | null },
): Promise<void> {
  return audit(context, {
    tenantId: actor.tenantId,
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
    context.store.users.updateOne(
      { _id: user._id, tenantId: user.tenantId },
      { $set: { lastLoginAt: now } },
    ),
    audit(context, {
      tenantId: user.tenantId,
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

export function mutationResolvers(publishPending: () => Promise<void>) {
  return {
    async registerOrganization(
      _: unknown,
      { input }: { input: RegisterOrganizationInput },
      context: IdentityContext,
    ) {
      checkSignup(context.signup.mode, context.signup.codes, input.signupCode);
      const email = normalizeEmail('input.ownerEmail', input.ownerEmail);
      // Counted before the work: a flood of registrations from one address waits.
      await context.signupThrottle.attempt(email, context.client.ip);
      const name = requireText('input.name', input.name, 120);
      const slug = requireSlug('input.slug', input.slug);
      const firstName = requireText('input.ownerFirstName', input.ownerFirstName, 100);
      const lastName = requireText('input.ownerLastName', input.ownerLastName, 100);
      await checkPasswordPolicy('input.ownerPassword', input.ownerPassword);
      const { store } = context;
      if (await store.organizations.exists({ slug }))
        throw conflict('input.slug', 'This slug is taken');

      const tenantId = randomUUID();
      const owner = (
        await store.users.create({
          _id: randomUUID(),
          tenantId,
          email,
          passwordHash: await hashPassword(input.ownerPassword),
          firstName,
          lastName,
          kind: 'STAFF',
          role: 'OWNER',
        })
      ).toObject();
      try {
        // The organization and its event are one single-document write (outbox).
        await lockDocument(store.organizations, tenantId, () =>
          store.organizations.create({
            _id: tenantId,
            name,
            slug,
            outbox: [
              createEvent({
                type: 'portico.identity.organization-registered.v1',
                service: 'identity',
                subject: tenantId,
                tenantId,
                data: { organizationId: tenantId, name, slug, ownerUserId: owner._id },
              }),
            ],
          }),
        );
      } catch (error) {
        // Lost a race for the slug: leave nothing half-written behind.
        await store.users.deleteOne({ _id: owner._id, tenantId });
        if (isDuplicateKeyError(error)) throw conflict('input.slug', 'This slug is taken');
        throw error;
      }
      void publishPending(); // not awaited: the relay publishes on its own, and never rejects
      // The organization exists either way: a lost email is asked for again (requestEmailVerification).
      await context.ownerVerification
        .request(owner)
        .catch((error: unknown) =>
          context.logger.error({ err: error }, 'owner verification email not requested'),
        );
      return signIn(owner, context, 'organization.registered');
    },

    async verifyEmail(_: unknown, args: { token: string }, context: IdentityContext) {
      await context.ownerVerification.verify(args.token);
      return true;
    },

    async requestEmailVerification(_: unknown, __: unknown, context: IdentityContext) {
      const principal = await activePrincipal(context);
      const user = await context.store.findUser(principal.tenantId, principal.userId);
      if (!user) throw unauthenticated();
      await context.ownerVerification.request(user);
      return true;
    },

    async login(
      _: unknown,
      args: {
        email: string;
        password: string;
        organizationSlug?: string | null;
        deviceToken?: string | null;
      },
      context: IdentityContext,
    ) {
      const email = normalizeEmail('email', args.email);
      const { store, signInThrottle } = context;
      const device = context.deviceTokens.deviceOf(args.deviceToken, email);
      // Counted before any password is checked, so side-by-side attempts cannot multiply;
      // the accounts are looked up meanwhile.
      const [attempt, found] = await Promise.all([
        signInThrottle.attempt(email, context.client.ip, device),
        store.users.find({ email, disabled: false }).lean().exec(),
      ]);
      let candidates = found;
      if (args.organizationSlug) {
        const organization = await store.organizations
          .findOne({ slug: args.organizationSlug.trim().toLowerCase() }, { _id: 1 })
          .lean()
          .exec();
        candidates = candidates.filter((user) => user.tenantId === organization?._id);
      }
      // The password is checked before anything about the accounts is told: only whoever knows
      // it learns that the email belongs to several organizations. A missing account (or one
      // without a password yet) is checked against a decoy, so time reveals nothing.
      const decoy = await decoyPasswordHash;
      const checks = await Promise.all(
        (candidates.length > 0 ? candidates : [null]).map(async (user) => ({
          user,
          valid: await verifyPassword(args.password, user?.passwordHash ?? decoy),
        })),
      );
      const matching = checks.flatMap(({ user, valid }) =>
        user?.passwordHash && valid ? [user] : [],
      );
      if (matching.length === 0) {
        for (const user of candidates)
          await audit(context, {
            tenantId: user.tenantId,
            actorId: user._id,
            action: 'user.sign-in-failed',
            targetType: 'User',
            targetId: user._id,
          });
        throw unauthenticated('Wrong email or password');
      }
      if (matching.length > 1) {
        throw badInput(
          'organizationSlug',
          'This email belongs to several organizations: give organizationSlug',
        );
      }
      const user = matching[0]!;
      await signInThrottle.succeeded(attempt);
      // Told only to whoever knows the password.
      if (!maySignIn(user)) throw unauthenticated('Your portal access has ended');
      return signIn(user, context, 'user.signed-in', [], device);
    },

    async refreshSession(
      _: unknown,
      { refreshToken }: { refreshToken: string },
      context: IdentityContext,
    ) {
      const outcome = await context.sessions.refresh(refreshToken);
      if (outcome.kind === 'refreshed') return { ...outcome.tokens, user: outcome.user };
      if (outcome.kind !== 'unknown') {
        await audit(context, {
          tenantId: outcome.tenantId,
          actorId: outcome.userId || null,
          action:
            outcome.kind === 'reused' ? 'session.refresh-token-reused' : 'session.refresh-failed',
          targetType: 'Session',
          targetId: outcome.sessionId,
        });
      }
      throw unauthenticated('Invalid or expired refresh token');
    },

    async requestPasswordReset(
      _: unknown,
      args: { email: string; organizationSlug?: string | null },
      context: IdentityContext,
    ) {
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

    async resetPassword(
      _: unknown,
      args: { token: string; newPassword: string },
      context: IdentityContext,
    ) {
      await context.passwordResets.reset(args.token, args.newPassword, context.client);
      return true;
    },

    async createStaffUser(
      _: unknown,
      { input }: { input: CreateStaffUserInput },
      context: IdentityContext,
    ) {
      const inviter = requireStaff(await activePrincipal(context));
      const user = await context.staffInvitations.invite(inviter, input);
      await auditRole(context, inviter, 'user.staff-invited', user);
      return user;
    },

    async acceptInvitation(
      _: unknown,
      args: { token: string; code?: string | null; password: string },
      context: IdentityContext,
    ) {
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

    async logout(_: unknown, __: unknown, context: IdentityContext) {
      const principal = await activePrincipal(context);
      await context.sessions.revoke(principal.tenantId, principal.sessionId, 'signed out');
      await audit(context, {
        tenantId: principal.tenantId,
        actorId: principal.userId,
        action: 'user.signed-out',
        targetType: 'Session',
        targetId: principal.sessionId,
      });
      return true;
    },

    async changePassword(
      _: unknown,
      args: { currentPassword: string; newPassword: string },
      context: IdentityContext,
    ) {
      const principal = await activePrincipal(context);
      const user = await context.store.findUser(principal.tenantId, principal.userId);
      if (!user) throw unauthenticated();
      const entry = {
        tenantId: user.tenantId,
        actorId: user._id,
        targetType: 'User',
        targetId: user._id,
      };
      if (!user.passwordHash || !(await verifyPassword(args.currentPassword, user.passwordHash))) {
        await audit(context, { ...entry, action: 'user.password-change-failed' });
        throw badInput('currentPassword', 'Wrong password');
      }
      await checkPasswordPolicy('newPassword', args.newPassword);
      if (args.newPassword === args.currentPassword)
        throw badInput('newPassword', 'Choose a password you have not been using');
      await context.store.users.updateOne(
        { _id: user._id, tenantId: user.tenantId },
        { $set: { passwordHash: await hashPassword(args.newPassword) } },
      );
      // Whoever else holds a session with the old password loses it; this one goes on.
      await context.sessions.revokeOthers(user, principal.sessionId, 'password changed');
      await audit(context, { ...entry, action: 'user.password-changed' });
      return true;
    },

    async setUserDisabled(
      _: unknown,
      args: { id: string; disabled: boolean },
      context: IdentityContext,
    ) {
      const actor = requireStaff(await activePrincipal(context));
      const user = await context.staffDirectory.setDisabled(actor, args.id, args.disabled);
      await audit(context, {
        tenantId: actor.tenantId,
        actorId: actor.userId,
        action: args.disabled ? 'user.disabled' : 'user.enabled',
        targetType: 'User',
        targetId: user._id,
      });
      return user;
    },

    async setStaffRole(
      _: unknown,
      args: { id: string; role: StaffRole },
      context: IdentityContext,
    ) {
      const actor = requireStaff(await activePrincipal(context));
      const user = await context.staffDirectory.setRole(actor, args.id, args.role);
      await auditRole(context, actor, 'user.role-changed', user);
      return user;
    },

    async updateMyProfile(
      _: unknown,
      { input }: { input: { firstName?: string | null; lastName?: string | null } },
      context: IdentityContext,
    ) {
      const principal = await activePrincipal(context);
      const changes: Partial<Pick<UserRecord, 'firstName' | 'lastName'>> = {};
      if (input.firstName !== undefined)
        changes.firstName = optionalText('input.firstName', input.firstName, 100);
      if (input.lastName !== undefined)
        changes.lastName = optionalText('input.lastName', input.lastName, 100);
      const user = await context.store.users
        .findOneAndUpdate(
          { _id: principal.userId, tenantId: principal.tenantId },
          { $set: changes },
          { new: true },
        )
        .lean()
        .exec();
      if (!user) throw unauthenticated();
      await audit(context, {
        tenantId: user.tenantId,
        actorId: user._id,
        action: 'user.profile-updated',
        targetType: 'User',
        targetId: user._id,
      });
      return user;
    },
  };
}
