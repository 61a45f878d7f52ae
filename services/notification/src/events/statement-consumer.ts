import type { CloudEvent, EventData } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import { deliverOnce, type DeliveryDependencies } from '../mail/tracked-delivery';
import type { PdfRenderer } from '../rendering/pdf-renderer';
import { statementView } from '../rendering/document-view';
import { wordingOf } from '../rendering/locale';
import { renderTemplate } from '../rendering/templates';

export interface StatementDependencies extends DeliveryDependencies {
  renderer: PdfRenderer;
  publicUrl: string;
}

/** "Statement requested" -> the statement PDF by email to the customer. */
export function statementConsumer(deps: StatementDependencies): ConsumerDefinition {
  return {
    name: 'statements',
    topics: ['document.events.v1'],
    async handle(event: CloudEvent) {
      if (event.type !== 'portico.document.statement-requested.v1') return;
      const data = event.data as EventData<typeof event.type>;
      const branding = await deps.store.brandings.of(event.tenantid);
      const view = {
        ...statementView(data, branding.locale, branding),
        portalUrl: `${deps.publicUrl}/documents`,
      };
      await deliverOnce(
        deps,
        {
          tenantId: event.tenantid,
          eventId: event.id,
          kind: 'ACCOUNT_STATEMENT',
          to: data.email,
          subject: wordingOf(branding.locale).subjects.statement(view.date),
          customerId: data.customerId,
          documentId: null,
        },
        async () => ({
          senderName: branding.name,
          replyTo: branding.replyTo,
          text: renderTemplate(`${branding.locale}/account-statement.text`, view),
          html: renderTemplate(`${branding.locale}/account-statement.html`, view),
          attachments: [
            {
              filename: `statement-${data.date}.pdf`,
              content: await deps.renderer.render(renderTemplate('statement.pdf', view), {
                footer: branding.footer ?? branding.name,
              }),
              contentType: 'application/pdf',
            },
          ],
        }),
      );
    },
  };
}
