import { storedScope } from '@portico/auth';
import { randomUUID } from 'node:crypto';
import type { Logger } from '@portico/logger';
import { conflict } from '@portico/errors';
import { createEvent } from '@portico/events';
import { isDuplicateKeyError } from '@portico/mongo';
import { normalizeEmail, requireSlug, requireText } from '@portico/validation';
import type { AttemptThrottle } from './attempt-throttle';
import type { RegisterOrganizationInput } from './generated/resolver-types';
import type { UserRecord } from './model/user';
import type { OwnerVerification } from './owner-verification';
import { checkPasswordPolicy, hashPassword } from './passwords';
import { checkSignup, type SignupMode } from './signup-policy';
import type { IdentityStore } from './store';

/** Sign-up: a new organization with its owner, who is asked to confirm their email. */
export class OrganizationRegistration {
  constructor(
    private readonly deps: {
      store: IdentityStore;
      signup: { mode: SignupMode; codes: string[] };
      throttle: AttemptThrottle;
      ownerVerification: OwnerVerification;
      publishPending: () => Promise<void>;
      logger: Logger;
    },
  ) {}

  /** The owner, made with the organization; nothing is left behind when it fails. */
  async register(input: RegisterOrganizationInput, clientIp: string | null): Promise<UserRecord> {
    const { store, signup, throttle, ownerVerification, publishPending, logger } = this.deps;
    checkSignup(signup.mode, signup.codes, input.signupCode);
    const email = normalizeEmail('input.ownerEmail', input.ownerEmail);
    // Counted before the work: a flood of registrations from one address waits.
    await throttle.attempt(email, clientIp);
    const name = requireText('input.name', input.name, 120);
    const slug = requireSlug('input.slug', input.slug);
    const firstName = requireText('input.ownerFirstName', input.ownerFirstName, 100);
    const lastName = requireText('input.ownerLastName', input.ownerLastName, 100);
    await checkPasswordPolicy('input.ownerPassword', input.ownerPassword);
    if (await store.slugTaken(slug)) throw conflict('input.slug', 'This slug is taken');

    const tenantId = randomUUID();
    // The new tenant's own scope: its organization is written just below.
    const owner = await store.createUser(storedScope({ tenantId }), {
      _id: randomUUID(),
      email,
      passwordHash: await hashPassword(input.ownerPassword),
      firstName,
      lastName,
      kind: 'STAFF',
      role: 'OWNER',
    });
    try {
      await store.createOrganization(
        { _id: tenantId, name, slug },
        createEvent({
          type: 'portico.identity.organization-registered.v1',
          service: 'identity',
          subject: tenantId,
          tenantId,
          data: { organizationId: tenantId, name, slug, ownerUserId: owner._id },
        }),
      );
    } catch (error) {
      // Lost a race for the slug: leave nothing half-written behind.
      await store.deleteUser(storedScope(owner), owner._id);
      if (isDuplicateKeyError(error)) throw conflict('input.slug', 'This slug is taken');
      throw error;
    }
    void publishPending(); // not awaited: the relay publishes on its own, and never rejects
    // The organization exists either way: a lost email is asked for again (requestEmailVerification).
    await ownerVerification
      .request(owner)
      .catch((error: unknown) =>
        logger.error({ err: error }, 'owner verification email not requested'),
      );
    return owner;
  }
}
