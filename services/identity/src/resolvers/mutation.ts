import { randomUUID } from 'node:crypto';
import { createEvent } from '@portico/events';
import { badInput, conflict, unauthenticated } from '@portico/errors';
import { isDuplicateKeyError } from '@portico/mongo';
import { normalizeEmail, requireSlug, requireText } from '@portico/validation';
import type { IdentityContext } from '../context';
import type { UserRecord } from '../model/user';
import { checkPasswordPolicy, decoyPasswordHash, hashPassword, verifyPassword } from '../passwords';
import type { SessionIssuer } from '../tokens/sessions';

interface RegisterOrganizationInput {
  name: string;
  slug: string;
  ownerEmail: string;
  ownerPassword: string;
  ownerFirstName: string;
  ownerLastName: string;
}

export function mutationResolvers(sessions: SessionIssuer, publishPending: () => void) {
  async function signIn(user: UserRecord, context: IdentityContext, action: string) {
    const now = new Date();
    await context.store.users.updateOne(
      { _id: user._id, tenantId: user.tenantId },
      { $set: { lastLoginAt: now } },
    );
    await context.store.audit({
      tenantId: user.tenantId,
      actorId: user._id,
      action,
      targetType: 'User',
      targetId: user._id,
      ip: context.client.ip,
      userAgent: context.client.userAgent,
    });
    return { ...(await sessions.open(user)), user: { ...user, lastLoginAt: now } };
  }

  return {
    async registerOrganization(
      _: unknown,
      { input }: { input: RegisterOrganizationInput },
      context: IdentityContext,
    ) {
      const name = requireText('input.name', input.name, 120);
      const slug = requireSlug('input.slug', input.slug);
      const email = normalizeEmail('input.ownerEmail', input.ownerEmail);
      const firstName = requireText('input.ownerFirstName', input.ownerFirstName, 100);
      const lastName = requireText('input.ownerLastName', input.ownerLastName, 100);
      checkPasswordPolicy('input.ownerPassword', input.ownerPassword);
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
        await store.organizations.create({
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
        });
      } catch (error) {
        // Lost a race for the slug: leave nothing half-written behind.
        await store.users.deleteOne({ _id: owner._id, tenantId });
        if (isDuplicateKeyError(error)) throw conflict('input.slug', 'This slug is taken');
        throw error;
      }
      publishPending();
      return signIn(owner, context, 'organization.registered');
    },

    async login(
      _: unknown,
      args: { email: string; password: string; organizationSlug?: string | null },
      context: IdentityContext,
    ) {
      const email = normalizeEmail('email', args.email);
      const { store } = context;
      let candidates = await store.users.find({ email, disabled: false }).lean().exec();
      if (args.organizationSlug) {
        const organization = await store.organizations
          .findOne({ slug: args.organizationSlug.trim().toLowerCase() }, { _id: 1 })
          .lean()
          .exec();
        candidates = candidates.filter((user) => user.tenantId === organization?._id);
      }
      if (candidates.length > 1) {
        throw badInput(
          'organizationSlug',
          'This email belongs to several organizations: give organizationSlug',
        );
      }
      const user = candidates[0];
      // Verify against a decoy when there is no user, so response time does not reveal accounts.
      const valid = await verifyPassword(
        args.password,
        user?.passwordHash ?? (await decoyPasswordHash),
      );
      if (!user || !valid) throw unauthenticated('Wrong email or password');
      return signIn(user, context, 'user.signed-in');
    },
  };
}
