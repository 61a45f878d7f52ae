import type { CloudEvent } from '@portico/events';
import type { Logger } from '@portico/logger';
import type { ConsumerDefinition } from '@portico/service-runtime';
import { DOCUMENT_TITLES } from '../document-titles';
import { deliverOnce, type DeliveryDependencies } from '../mail/tracked-delivery';
import type { PdfRenderer } from '../rendering/pdf-renderer';
import { renderTemplate } from '../rendering/templates';

export interface DocumentIssuedDependencies extends DeliveryDependencies {
  renderer: PdfRenderer;
  logger: Logger;
  publicUrl: string;
}

/** "Document issued" -> an email with the PDF attached and a portal link. */
export function documentIssuedConsumer(deps: DocumentIssuedDependencies): ConsumerDefinition {
  return {
    name: 'document-issued',
    topics: ['document.events.v1'],
    async handle(event: CloudEvent) {
      if (event.type !== 'portico.document.issued.v1') return;
      const data = event.data as CloudEvent<'portico.document.issued.v1'>['data'];
      // Until the access read model exists, the customer's own address receives it.
      const to = data.customer.email;
      if (!to) {
        deps.logger.info(
          { documentId: data.documentId },
          'customer has no email address; nothing sent',
        );
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
              content: await deps.renderer.render(renderTemplate('document.pdf', view)),
              contentType: 'application/pdf',
            },
          ],
        }),
      );
    },
  };
}
