import { subgraphTypeDefs } from '@portico/schemas';
import { runService } from '@portico/service-runtime';
import { loadNotificationConfig } from './config';
import type { NotificationContext } from './context';
import { brandingConsumer } from './events/branding-consumer';
import { documentIssuedConsumer } from './events/document-issued-consumer';
import { erasureConsumer } from './events/erasure-consumer';
import { recipientsConsumer } from './events/recipients-consumer';
import { statementConsumer } from './events/statement-consumer';
import { DocumentPdfs } from './files/document-pdfs';
import { fileRoutes } from './files/file-routes';
import { identityEmailsConsumer } from './events/identity-emails-consumer';
import { Mailer } from './mail/mailer';
import { PdfRenderer } from './rendering/pdf-renderer';
import { SmsSender } from './sms/sms-sender';
import { brandingMutationResolvers, brandingQueryResolvers } from './resolvers/branding';
import { emailMessageResolvers } from './resolvers/email-message';
import { preferencesMutationResolvers, preferencesQueryResolvers } from './resolvers/preferences';
import { queryResolvers } from './resolvers/query';
import { NotificationStore } from './store';

const config = loadNotificationConfig();

runService<NotificationContext>({
  name: 'notification',
  config,
  typeDefs: subgraphTypeDefs('notification'),
  async setup({ connection, logger, publishPending }) {
    const store = new NotificationStore(connection);
    const renderer = new PdfRenderer({
      chromiumPath: config.CHROMIUM_PATH,
      logger,
      concurrency: config.PDF_CONCURRENCY,
      rendersPerBrowser: config.PDF_RENDERS_PER_BROWSER,
    });
    const mailer = new Mailer(config.SMTP_URL, config.MAIL_FROM);
    const pdfs = new DocumentPdfs(connection);
    return {
      resolvers: {
        Query: { ...queryResolvers, ...preferencesQueryResolvers, ...brandingQueryResolvers },
        Mutation: { ...preferencesMutationResolvers, ...brandingMutationResolvers },
        EmailMessage: emailMessageResolvers,
      },
      extendContext: (base) => ({ ...base, store }),
      outboxModels: [store.emails],
      consumers: [
        erasureConsumer(store, pdfs),
        brandingConsumer(store.brandings),
        recipientsConsumer(store),
        statementConsumer({
          store,
          renderer,
          mailer,
          publicUrl: config.PUBLIC_URL,
          publishPending,
        }),
        documentIssuedConsumer({
          store,
          renderer,
          pdfs,
          mailer,
          logger,
          publicUrl: config.PUBLIC_URL,
          publishPending,
        }),
        identityEmailsConsumer({
          store,
          mailer,
          publicUrl: config.PUBLIC_URL,
          publishPending,
          logger,
          sms: config.SMS_WEBHOOK_URL ? new SmsSender(config.SMS_WEBHOOK_URL) : null,
        }),
      ],
      routes: fileRoutes(pdfs, config.FILE_LINK_SECRET),
      stop: async () => {
        mailer.close();
        await renderer.close();
      },
    };
  },
});
