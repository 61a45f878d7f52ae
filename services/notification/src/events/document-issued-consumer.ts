import { createHash } from 'node:crypto';
import type { CloudEvent } from '@portico/events';
import { createEvent } from '@portico/events';
import type { Logger } from '@portico/logger';
import { isDuplicateKeyError } from '@portico/mongo';
import type { ConsumerDefinition } from '@portico/service-runtime';
import { DOCUMENT_TITLES } from '../document-titles';
import { isPermanentSmtpFailure, type Mailer } from '../mail/mailer';
import type { EmailMessageRecord } from '../model/email-message';
import type { PdfRenderer } from '../rendering/pdf-renderer';
import { renderTemplate } from '../rendering/templates';
import type { NotificationStore } from '../store';

export interface DocumentIssuedDependencies {
  store: NotificationStore;
  renderer: PdfRenderer;
  mailer: Mailer;
  logger: Logger;
  publicUrl: string;
  publishPending: () => void;
}

/** The same event and recipient always give the same id and Message-ID. */
const deliveryId = (eventId: string, to: string) =>
  createHash('sha256').update(`${eventId}\n${to}`).digest('hex').slice(0, 32);

/**
 * "Document issued" -> an email with the PDF attached. A delivery record
 * unique on (event, recipient) makes a redelivered event send nothing twice.
 */
export function documentIssuedConsumer(deps: DocumentIssuedDependencies): ConsumerDefinition {
  const { store, renderer, mailer, logger } = deps;
  return {
    name: 'document-issued',
    topics: ['document.events.v1'],
    async handle(event: CloudEvent) {
      if (event.type !== 'portico.document.issued.v1') return;
      const data = event.data as CloudEvent<'portico.document.issued.v1'>['data'];
      // Until the access read model exists, the customer's own address receives it.
      const to = data.customer.email;
      if (!to) {
        logger.info({ documentId: data.documentId }, 'customer has no email address; nothing sent');
        return;
      }
      const view = {
        title: DOCUMENT_TITLES[data.type],
        number: data.number,
        issueDate: data.issueDate,
        dueDate: data.dueDate ?? null,
        currency: data.currency,
        grossTotal: data.grossTotal,
        customerName: data.customer.displayName,
        portalUrl: `${deps.publicUrl}/documents/${encodeURIComponent(data.documentId)}`,
        attached: true,
      };
      const message = await claimDelivery(store, {
        _id: deliveryId(event.id, to),
        tenantId: event.tenantid,
        eventId: event.id,
        kind: 'DOCUMENT_ISSUED',
        to,
        subject: `${view.title} ${data.number}`,
        customerId: data.customer.id,
        documentId: data.documentId,
      });
      if (!message) return; // sent already

      try {
        const pdf = await renderer.render(renderTemplate('document.pdf', view));
        await mailer.send({
          to,
          subject: message.subject,
          text: renderTemplate('document-issued.text', view),
          html: renderTemplate('document-issued.html', view),
          messageId: `<${message._id}@portico>`,
          attachments: [
            { filename: `${data.number}.pdf`, content: pdf, contentType: 'application/pdf' },
          ],
        });
      } catch (error) {
        await store.recordFailure(message._id, error);
        if (isPermanentSmtpFailure(error)) return; // retrying cannot help; history shows the error
        throw error; // the bus retries with backoff
      }
      await store.recordSent(
        message._id,
        createEvent({
          type: 'portico.email.sent.v1',
          service: 'notification',
          subject: message._id,
          tenantId: event.tenantid,
          data: {
            emailId: message._id,
            kind: 'DOCUMENT_ISSUED',
            to,
            customerId: data.customer.id,
            documentId: data.documentId,
          },
        }),
      );
      deps.publishPending();
    },
  };
}

type NewDelivery = Pick<
  EmailMessageRecord,
  '_id' | 'tenantId' | 'eventId' | 'kind' | 'to' | 'subject' | 'customerId' | 'documentId'
>;

/** Creates the delivery record, or returns the existing one unless it was sent already. */
async function claimDelivery(
  store: NotificationStore,
  delivery: NewDelivery,
): Promise<EmailMessageRecord | null> {
  try {
    return (
      await store.emails.create({ ...delivery, status: 'QUEUED', accessId: null })
    ).toObject();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const existing = await store.emails.findOne({ _id: delivery._id }, { outbox: 0 }).lean().exec();
    return existing && existing.status !== 'SENT' ? existing : null;
  }
}
