import { commaSeparated, eventSecretEnv, loadConfigOrExit, serviceEnv, z } from '@portico/config';

export const identityConfigSchema = z
  .object({
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
      .describe(
        'encrypts the token-signing private keys at rest (the launcher keeps one in .cache)',
      ),
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
    SIGNUP_MODE: z
      .enum(['open', 'invite', 'closed'])
      .default('closed')
      .describe(
        'who may register an organization: anyone, holders of a SIGNUP_CODES code, or nobody (unset)',
      ),
    SIGNUP_CODES: z
      .string()
      .default('')
      .transform(commaSeparated)
      .describe('comma-separated sign-up codes (16+ characters each) for SIGNUP_MODE=invite'),
    SIGNUPS_PER_ADDRESS: z.coerce
      .number()
      .int()
      .min(1)
      .default(5)
      .describe('registrations from one client address in 15 minutes before growing delays'),
  })
  .superRefine((config, context) => {
    if (config.SIGNUP_MODE === 'invite' && config.SIGNUP_CODES.length === 0)
      context.addIssue({
        code: 'custom',
        path: ['SIGNUP_CODES'],
        message: 'is required with SIGNUP_MODE=invite',
      });
    if (config.SIGNUP_CODES.some((code) => code.length < 16))
      context.addIssue({
        code: 'custom',
        path: ['SIGNUP_CODES'],
        message: 'each code needs 16+ characters',
      });
  });

export type IdentityConfig = z.infer<typeof identityConfigSchema>;
export const loadIdentityConfig = () => loadConfigOrExit(identityConfigSchema);
