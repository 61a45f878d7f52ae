import { fileLinkEnv, loadConfigOrExit, serviceEnv, z } from '@portico/config';

export const notificationConfigSchema = z.object({
  ...serviceEnv,
  ...fileLinkEnv,
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .describe('SMTP server for outgoing mail (the launcher sets the local catcher when unset)'),
  CHROMIUM_PATH: z.string().min(1).describe('Chromium binary puppeteer drives to render PDFs'),
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
});

export type NotificationConfig = z.infer<typeof notificationConfigSchema>;
export const loadNotificationConfig = () => loadConfigOrExit(notificationConfigSchema);
