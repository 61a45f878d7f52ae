import { storedScope } from '@portico/auth';
import type { RequestClient } from '@portico/subgraph';
import { badInput, unauthenticated } from '@portico/errors';
import type { AttemptThrottle } from './attempt-throttle';
import type { DeviceTokens } from './device-tokens';
import type { MutationLoginArgs as Credentials } from './generated/resolver-types';
import type { UserRecord } from './model/user';
import { decoyPasswordHash, verifyPassword } from './passwords';
import type { IdentityStore } from './store';
import { maySignIn } from './tokens/sessions';

/** Checks an email and password; a session is opened by the caller. */
export class PasswordSignIn {
  constructor(
    private readonly store: IdentityStore,
    private readonly throttle: AttemptThrottle,
    private readonly deviceTokens: DeviceTokens,
  ) {}

  /** The account the password opens, with the device it signs in from (null: a new one). */
  async check(
    email: string,
    credentials: Credentials,
    client: RequestClient,
  ): Promise<{ user: UserRecord; device: string | null }> {
    const device = this.deviceTokens.deviceOf(credentials.deviceToken, email);
    // Counted before any password is checked, so side-by-side attempts cannot multiply;
    // the accounts are looked up meanwhile.
    const [attempt, candidates] = await Promise.all([
      this.throttle.attempt(email, client.ip, device),
      this.store.accountsByEmail(email, credentials.organizationSlug ?? null),
    ]);
    // The password is checked before anything about the accounts is told: only whoever knows
    // it learns that the email belongs to several organizations. A missing account (or one
    // without a password yet) is checked against a decoy, so time reveals nothing.
    const decoy = await decoyPasswordHash;
    const checks = await Promise.all(
      (candidates.length > 0 ? candidates : [null]).map(async (user) => ({
        user,
        valid: await verifyPassword(credentials.password, user?.passwordHash ?? decoy),
      })),
    );
    const matching = checks.flatMap(({ user, valid }) =>
      user?.passwordHash && valid ? [user] : [],
    );
    if (matching.length === 0) {
      for (const user of candidates)
        await this.store.audit(storedScope(user), {
          actorId: user._id,
          action: 'user.sign-in-failed',
          targetType: 'User',
          targetId: user._id,
          ip: client.ip,
          userAgent: client.userAgent,
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
    await this.throttle.succeeded(attempt);
    // Told only to whoever knows the password.
    if (!maySignIn(user)) throw unauthenticated('Your portal access has ended');
    return { user, device };
  }
}
