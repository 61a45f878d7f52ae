import { eventSecretEnv, fileLinkEnv, loadConfigOrExit, serviceEnv, z } from '@portico/config';

export const notificationConfigSchema = z.object({
  ...serviceEnv,
  ...fileLinkEnv,
  ...eventSecretEnv,
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .describe('SMTP server for outgoing mail (the launcher sets the local catcher when unset)'),
  CHROMIUM_PATH: z.string().min(1).describe('Chromium binary puppeteer drives to render PDFs'),
  CHROMIUM_SANDBOX: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true')
    .describe(
      "Chromium's sandbox (always off when running as root); false only where the host cannot give it user namespaces",
    ),
  OWNER_VERIFICATION: z
    .enum(['required', 'off'])
    .default('required')
    .describe(
      "required: a new organization's customer emails are held until its owner confirms their address",
    ),
  SMS_WEBHOOK_URL: z
    .preprocess((value) => (value === '' ? undefined : value), z.url().optional())
    .describe(
      'SMS gateway webhook, POSTed {"to","body"} (the launcher sets a local inbox when unset)',
    ),
  MAIL_FROM: z
    .string()
    .default('Portico <no-reply@portico.localhost>')
    .describe('sender of platform emails'),
  PDF_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(16)
    .default(2)
    .describe('PDF pages rendered at once (about one per core)'),
  PDF_RENDERS_PER_BROWSER: z.coerce
    .number()
    .int()
    .min(1)
    .default(1_000)
    .describe('PDFs a Chromium renders before it is replaced'),
  WEBHOOK_SIGNING_KEY: z
    .string()
    .min(32, 'must be at least 32 characters')
    .describe('platform key every webhook endpoint secret is derived from'),
  WEBHOOKS_ALLOW_LOCAL: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('development only: webhook endpoints over http and on internal addresses'),
  WEBHOOK_FIRST_RETRY_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(30_000)
    .describe('wait before a failed webhook is tried again; each later wait triples'),
  WEBHOOK_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe('tries before a webhook delivery is FAILED'),
  WEBHOOK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10_000)
    .describe("longest wait for a webhook endpoint's answer"),
});

export type NotificationConfig = z.infer<typeof notificationConfigSchema>;
export const loadNotificationConfig = () => loadConfigOrExit(notificationConfigSchema);
