import type { CloudEvent } from '@portico/events';
import type { Logger } from '@portico/logger';
import type { ConsumerDefinition } from '@portico/service-runtime';
import { DOCUMENT_TITLES } from '../document-titles';
import { deliverOnce, type DeliveryDependencies } from '../mail/tracked-delivery';
import type { DocumentPdfs } from '../files/document-pdfs';
import type { PdfRenderer } from '../rendering/pdf-renderer';
import { renderTemplate } from '../rendering/templates';

export interface DocumentIssuedDependencies extends DeliveryDependencies {
  renderer: PdfRenderer;
  pdfs: DocumentPdfs;
  logger: Logger;
  publicUrl: string;
}

/** "Document issued" -> the PDF, kept for downloads, and an email with it attached and a portal link. */
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
      // Until the access read model exists, the customer's own address receives it.
      const to = data.customer.email;
      if (!to) {
        deps.logger.info(
          { documentId: data.documentId },
          'customer has no email address; nothing sent',
        );
        return;
      }
      await deliverOnce(
        deps,
        {
          tenantId: event.tenantid,
          eventId: event.id,
          kind: 'DOCUMENT_ISSUED',
          to,
          subject: `${view.title} ${data.number}`,
          customerId: data.customer.id,
          documentId: data.documentId,
        },
        async () => ({
          text: renderTemplate('document-issued.text', view),
          html: renderTemplate('document-issued.html', view),
          attachments: [
            {
              filename: `${data.number}.pdf`,
              content: pdf,
              contentType: 'application/pdf',
            },
          ],
        }),
      );
    },
  };
}
