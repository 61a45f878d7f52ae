import type { CloudEvent, EventData } from '@portico/events';
import type { Logger } from '@portico/logger';
import type { ConsumerDefinition } from '@portico/service-runtime';
import { DOCUMENT_TITLES } from '../document-titles';
import { deliverOnce, type DeliveryDependencies } from '../mail/tracked-delivery';
import type { DocumentPdfs } from '../files/document-pdfs';
import { wantsNewDocuments } from '../model/recipient';
import type { NotificationStore } from '../store';
import type { PdfRenderer } from '../rendering/pdf-renderer';
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
      const data = event.data as CloudEvent<'portico.document.issued.v1'>['data'];
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
      // Rendered once and kept: attached here, served for downloads.
      const pdf = await deps.pdfs.renderOnce(
        data.documentId,
        { tenantId: event.tenantid, customerId: data.customer.id },
        () => deps.renderer.render(renderTemplate('document.pdf', view)),
      );
      const recipients = await recipientsOf(deps.store, event.tenantid, data);
      if (recipients.length === 0) {
        deps.logger.info({ documentId: data.documentId }, 'nobody to tell about this document');
        return;
      }
      for (const recipient of recipients) {
        const personal = { ...view, customerName: recipient.name, attached: recipient.attachPdf };
        await deliverOnce(
          deps,
          {
            tenantId: event.tenantid,
            eventId: event.id,
            kind: 'DOCUMENT_ISSUED',
            to: recipient.email,
            subject: `${view.title} ${data.number}`,
            customerId: data.customer.id,
            accessId: recipient.accessId,
            documentId: data.documentId,
          },
          async () => ({
            text: renderTemplate('document-issued.text', personal),
            html: renderTemplate('document-issued.html', personal),
            attachments: recipient.attachPdf
              ? [{ filename: `${data.number}.pdf`, content: pdf, contentType: 'application/pdf' }]
              : [],
          }),
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
          }));
  if (contacts.length > 0) return contacts;
  const billing = data.customer.email;
  return billing
    ? [{ email: billing, name: data.customer.displayName, accessId: null, attachPdf: true }]
    : [];
}
