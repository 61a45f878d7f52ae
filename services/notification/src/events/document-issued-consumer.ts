import type { CloudEvent, EventData } from '@portico/events';
import type { Logger } from '@portico/logger';
import type { ConsumerDefinition } from '@portico/service-runtime';
import { deliverOnce, type DeliveryDependencies } from '../mail/tracked-delivery';
import type { DocumentPdfs } from '../files/document-pdfs';
import { wantsNewDocuments } from '../model/recipient';
import type { NotificationStore } from '../store';
import type { PdfRenderer } from '../rendering/pdf-renderer';
import { documentView } from '../rendering/document-view';
import { formatterOf, wordingOf, type Locale } from '../rendering/locale';
import { renderTemplate } from '../rendering/templates';

export interface DocumentIssuedDependencies extends DeliveryDependencies {
  renderer: PdfRenderer;
  pdfs: DocumentPdfs;
  logger: Logger;
  publicUrl: string;
}

/**
 * "Document issued" -> the PDF, kept for downloads, and an email to each
 * contact who wants it (attached unless they turned that off) with a portal link.
 */
export function documentIssuedConsumer(deps: DocumentIssuedDependencies): ConsumerDefinition {
  return {
    name: 'document-issued',
    topics: ['document.events.v1'],
    async handle(event: CloudEvent) {
      if (event.type !== 'portico.document.issued.v1') return;
      const data = event.data as EventData<'portico.document.issued.v1'>;
      const branding = await deps.store.brandings.of(event.tenantid);
      const pdfIn = (locale: Locale) =>
        deps.renderer.render(renderTemplate('document.pdf', documentView(data, locale, branding)), {
          footer: branding.footer ?? branding.name,
        });
      // Rendered once in the tenant's language and kept: attached here, served for downloads.
      const stored = await deps.pdfs.renderOnce(
        data.documentId,
        { tenantId: event.tenantid, customerId: data.customer.id },
        () => pdfIn(branding.locale),
      );
      const pdfs = new Map<Locale, Promise<Buffer>>([[branding.locale, Promise.resolve(stored)]]);
      const recipients = await recipientsOf(deps.store, event.tenantid, data);
      if (recipients.length === 0) {
        deps.logger.info({ documentId: data.documentId }, 'nobody to tell about this document');
        return;
      }
      for (const recipient of recipients) {
        const locale = recipient.locale ?? branding.locale;
        const format = formatterOf(locale);
        const title = wordingOf(locale).titles[data.type];
        const view = {
          customerName: recipient.name,
          title,
          number: data.number,
          issueDate: format.date(data.issueDate),
          grossTotal: format.money(data.grossTotal, data.currency),
          portalUrl: `${deps.publicUrl}/documents/${encodeURIComponent(data.documentId)}`,
          attached: recipient.attachPdf,
        };
        await deliverOnce(
          deps,
          {
            tenantId: event.tenantid,
            eventId: event.id,
            kind: 'DOCUMENT_ISSUED',
            to: recipient.email,
            subject: `${title} ${data.number}`,
            customerId: data.customer.id,
            accessId: recipient.accessId,
            documentId: data.documentId,
          },
          async () => {
            if (recipient.attachPdf && !pdfs.has(locale)) pdfs.set(locale, pdfIn(locale));
            return {
              senderName: branding.name,
              replyTo: branding.replyTo,
              text: renderTemplate(`${locale}/document-issued.text`, view),
              html: renderTemplate(`${locale}/document-issued.html`, view),
              attachments: recipient.attachPdf
                ? [
                    {
                      filename: `${data.number}.pdf`,
                      content: await pdfs.get(locale)!,
                      contentType: 'application/pdf',
                    },
                  ]
                : [],
            };
          },
        );
      }
    },
  };
}

interface Recipient {
  email: string;
  name: string;
  accessId: string | null;
  attachPdf: boolean;
  locale: Locale | null;
}

/**
 * The customer's active contacts who want new documents (when the document is
 * shared with them); a customer without any gets it at its own billing address.
 */
async function recipientsOf(
  store: NotificationStore,
  tenantId: string,
  data: EventData<'portico.document.issued.v1'>,
): Promise<Recipient[]> {
  const contacts =
    data.shared === false
      ? []
      : (await store.recipients.find({ tenantId, customerId: data.customer.id }).lean().exec())
          .filter((contact) => wantsNewDocuments(contact))
          .map((contact) => ({
            email: contact.email,
            name: contact.firstName ?? data.customer.displayName,
            accessId: contact._id,
            attachPdf: contact.attachPdf,
            locale: contact.locale ?? null,
          }));
  if (contacts.length > 0) return contacts;
  const billing = data.customer.email;
  return billing
    ? [
        {
          email: billing,
          name: data.customer.displayName,
          accessId: null,
          attachPdf: true,
          locale: null,
        },
      ]
    : [];
}
