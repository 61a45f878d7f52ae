import { eventSecretEnv, loadConfigOrExit, serviceEnv, z } from '@portico/config';

export const identityConfigSchema = z.object({
  ...serviceEnv,
  ...eventSecretEnv,
  ACCESS_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(3600)
    .default(900)
    .describe('lifetime of access tokens'),
  SIGNING_KEY_ROTATION_DAYS: z.coerce
    .number()
    .min(1)
    .max(365)
    .default(30)
    .describe('how long a signing key signs before the next takes over'),
  SIGNING_KEY_SECRET: z
    .string()
    .min(32, 'must have at least 32 characters')
    .describe('encrypts the token-signing private keys at rest (the launcher keeps one in .cache)'),
  REFRESH_TOKEN_TTL_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(90)
    .default(30)
    .describe('lifetime of a session without use'),
  SESSION_MAX_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(30)
    .describe('lifetime of a session however often it is used; then the user signs in again'),
});

export type IdentityConfig = z.infer<typeof identityConfigSchema>;
export const loadIdentityConfig = () => loadConfigOrExit(identityConfigSchema);
