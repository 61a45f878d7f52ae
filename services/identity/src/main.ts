import { subgraphTypeDefs } from '@portico/schemas';
import { runService } from '@portico/service-runtime';
import { loadIdentityConfig } from './config';
import type { IdentityContext } from './context';
import { DeviceTokens } from './device-tokens';
import { OwnerVerification } from './owner-verification';
import { ContactInvitations } from './contact-invitations';
import { accessConsumer } from './events/access-consumer';
import { auditConsumer } from './events/audit-consumer';
import { erasureConsumer } from './events/erasure-consumer';
import { resolvers } from './resolvers';
import { OneTimeTokens } from './one-time-tokens';
import { OrganizationRegistration } from './organization-registration';
import { PasswordChanges } from './password-changes';
import { PasswordSignIn } from './password-sign-in';
import { PasswordResets } from './password-resets';
import { AttemptThrottle, RESET_REQUESTS, signupLimits } from './attempt-throttle';
import { StaffDirectory } from './staff-directory';
import { StaffInvitations } from './staff-invitations';
import { IdentityStore } from './store';
import { Sessions } from './tokens/sessions';
import { SigningKeys } from './tokens/signing-keys';

const config = loadIdentityConfig();

runService<IdentityContext>({
  name: 'identity',
  config,
  typeDefs: subgraphTypeDefs('identity'),
  async setup({ connection, bus, logger, publishPending, publishRevocations }) {
    const store = new IdentityStore(connection);
    const keys = new SigningKeys(store.signingKeys, {
      rotationMs: config.SIGNING_KEY_ROTATION_DAYS * 86_400_000,
      tokenTtlMs: config.ACCESS_TOKEN_TTL_SECONDS * 1000,
      secret: config.SIGNING_KEY_SECRET,
    });
    const sealed = await keys.sealLegacyKeys();
    if (sealed > 0) logger.warn({ sealed }, 'sealed private keys stored in the clear');
    await keys.rotateIfDue(); // a key exists before the first request
    await keys.current();
    const rotation = setInterval(() => {
      keys
        .rotateIfDue()
        .catch((error: unknown) => logger.error({ err: error }, 'signing key rotation failed'));
    }, 60_000);
    rotation.unref();
    const sessions = new Sessions(
      store,
      keys,
      {
        accessSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
        refreshDays: config.REFRESH_TOKEN_TTL_DAYS,
        maxDays: config.SESSION_MAX_DAYS,
      },
      publishPending,
      publishRevocations,
    );
    const signInThrottle = new AttemptThrottle(store.signInAttempts);
    const resetThrottle = new AttemptThrottle(store.signInAttempts, RESET_REQUESTS);
    const signupThrottle = new AttemptThrottle(
      store.signInAttempts,
      signupLimits(config.SIGNUPS_PER_ADDRESS),
    );
    const oneTimeTokens = new OneTimeTokens(connection, config.EVENT_SECRET_KEYS);
    await oneTimeTokens.ensureIndexes();
    const deviceTokens = new DeviceTokens(config.SIGNING_KEY_SECRET);
    const ownerVerification = new OwnerVerification(store, bus, oneTimeTokens, publishPending);
    const passwordResets = new PasswordResets(store, bus, sessions, oneTimeTokens);
    const staffInvitations = new StaffInvitations(store, bus, oneTimeTokens);
    const staffDirectory = new StaffDirectory(store, sessions);
    const contactInvitations = new ContactInvitations(store, bus, oneTimeTokens, logger);
    const registration = new OrganizationRegistration({
      store,
      signup: { mode: config.SIGNUP_MODE, codes: config.SIGNUP_CODES },
      throttle: signupThrottle,
      ownerVerification,
      publishPending,
      logger,
    });
    const passwordSignIn = new PasswordSignIn(store, signInThrottle, deviceTokens);
    const passwordChanges = new PasswordChanges(store, sessions);
    return {
      resolvers,
      extendContext: (base) => ({
        ...base,
        store,
        sessions,
        resetThrottle,
        registration,
        passwordSignIn,
        passwordChanges,
        passwordResets,
        staffInvitations,
        oneTimeTokens,
        staffDirectory,
        deviceTokens,
        ownerVerification,
      }),
      outboxModels: [store.organizations, store.sessions],
      consumers: [
        auditConsumer(store),
        accessConsumer(store, contactInvitations, sessions),
        erasureConsumer(store, oneTimeTokens),
      ],
      routes: (app) => {
        app.get('/.well-known/jwks.json', async (_req, res) => {
          res.set('cache-control', 'public, max-age=60').json(await keys.jwks());
        });
      },
      stop: async () => clearInterval(rotation),
    };
  },
});
