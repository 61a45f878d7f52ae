import type { CurrentEvent } from '@portico/events';
import type { Delivery } from '@portico/kafka';
import type { ConsumerDefinition } from '@portico/service-runtime';
import { subgraphTypeDefs } from '@portico/schemas';
import { runService } from '@portico/service-runtime';
import { customerEmailHoldConsumer } from './events/customer-email-hold-consumer';
import { CustomerEmailHold } from './sending/customer-email-hold';
import { loadNotificationConfig } from './config';
import type { NotificationContext } from './context';
import { brandingConsumer } from './events/branding-consumer';
import { EmailResend } from './email-resend';
import { documentEmailsConsumer, documentEmailSender } from './events/document-emails-consumer';
import { DocumentEmails } from './events/document-issued-emails';
import { erasureConsumer } from './events/erasure-consumer';
import { recipientsConsumer } from './events/recipients-consumer';
import { partnerFeedConsumer } from './events/partner-feed-consumer';
import { StatementEmails } from './events/statement-emails';
import { StoredPdfs } from './files/stored-pdfs';
import { StatementDownloads } from './events/statement-downloads';
import { fileRoutes } from './files/file-routes';
import { identityEmailsConsumer } from './events/identity-emails-consumer';
import { Mailer } from './mail/mailer';
import { createWebhooks } from './partners/webhooks';
import { PdfRenderer } from './rendering/pdf-renderer';
import { brandingPreview } from './branding-preview';
import type { BrandingRecord } from './model/branding';
import { warmUpRendering } from './rendering/warm-up';
import { SmsSender } from './sms/sms-sender';
import { resolvers } from './resolvers';
import { NotificationStore } from './store';

const config = loadNotificationConfig();

runService<NotificationContext>({
  name: 'notification',
  config,
  typeDefs: subgraphTypeDefs('notification'),
  async setup({ connection, bus, logger, publishPending, revocations }) {
    const store = new NotificationStore(connection);
    const renderer = new PdfRenderer({
      chromiumPath: config.CHROMIUM_PATH,
      logger,
      concurrency: config.PDF_CONCURRENCY,
      rendersPerBrowser: config.PDF_RENDERS_PER_BROWSER,
      sandbox: config.CHROMIUM_SANDBOX,
    });
    // In the background: the service starts serving meanwhile; early renders queue in the pool.
    void warmUpRendering(renderer, logger);
    const mailer = new Mailer(config.SMTP_URL, config.MAIL_FROM);
    const pdfs = new StoredPdfs(connection, 'document_pdfs');
    const statementPdfs = new StoredPdfs(connection, 'statement_pdfs');
    const statementDownloads = new StatementDownloads({ store, renderer, pdfs: statementPdfs });
    const delivery = { store, mailer, publishPending };
    const documentEmails = new DocumentEmails({
      ...delivery,
      renderer,
      pdfs,
      logger,
      publicUrl: config.PUBLIC_URL,
    });
    const statementEmails = new StatementEmails({
      ...delivery,
      renderer,
      publicUrl: config.PUBLIC_URL,
    });
    const resend = new EmailResend(store, documentEmails, statementEmails);
    // Customer emails wait for the owner's confirmed address (see customer-email-hold.ts).
    const hold = new CustomerEmailHold(connection, config.OWNER_VERIFICATION === 'required');
    const identityEmails = identityEmailsConsumer({
      store,
      mailer,
      publicUrl: config.PUBLIC_URL,
      keyring: config.EVENT_SECRET_KEYS,
      publishPending,
      logger,
      sms: config.SMS_WEBHOOK_URL ? new SmsSender(config.SMS_WEBHOOK_URL) : null,
    });
    const sendDocumentEmails = documentEmailSender(documentEmails, statementEmails);
    /** A held event handled as its own consumer would (in the releasing event's delivery). */
    const release = (delivery: Delivery) => (event: CurrentEvent) =>
      event.type === 'portico.identity.contact-invited.v1'
        ? identityEmails.handle(event, delivery)
        : sendDocumentEmails(event);
    // A contact's invitation is a customer email; staff invitations and resets are not.
    const identityEmailsHoldingInvitations: ConsumerDefinition = {
      ...identityEmails,
      handle: (event, delivery) =>
        event.type === 'portico.identity.contact-invited.v1'
          ? hold.handleOrHold(event, (each) => identityEmails.handle(each, delivery))
          : identityEmails.handle(event, delivery),
    };
    const webhooks = createWebhooks(
      connection,
      {
        signingKey: config.WEBHOOK_SIGNING_KEY,
        allowLocal: config.WEBHOOKS_ALLOW_LOCAL,
        firstRetryMs: config.WEBHOOK_FIRST_RETRY_MS,
        maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      },
      logger,
    );
    webhooks.dispatcher.start();
    return {
      resolvers,
      extendContext: (base) => ({
        ...base,
        store,
        resend,
        webhooks,
        previewBranding: (tenantId: string, branding: BrandingRecord) =>
          brandingPreview({ renderer, publicUrl: config.PUBLIC_URL }, tenantId, branding),
      }),
      outboxModels: [store.emails],
      consumers: [
        erasureConsumer(store, [pdfs, statementPdfs], hold),
        brandingConsumer(store.brandings),
        recipientsConsumer(store),
        documentEmailsConsumer(documentEmails, statementEmails, statementDownloads, hold),
        partnerFeedConsumer({ bus, ...webhooks }),
        identityEmailsHoldingInvitations,
        customerEmailHoldConsumer(hold, release),
      ],
      routes: fileRoutes({
        pdfs: { documents: pdfs, statements: statementPdfs },
        store,
        revocations,
        secret: config.FILE_LINK_SECRET,
      }),
      stop: async () => {
        await webhooks.dispatcher.stop();
        mailer.close();
        await renderer.close();
      },
    };
  },
});
