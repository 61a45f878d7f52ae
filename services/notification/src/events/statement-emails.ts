import type { TenantScope } from '@portico/auth';
import type { EventData } from '@portico/events';
import { senderOf } from '../branding';
import { deliverOnce, type DeliveryDependencies } from '../mail/tracked-delivery';
import { statementView } from '../rendering/document-view';
import { wordingOf } from '../rendering/locale';
import type { PdfRenderer } from '../rendering/pdf-renderer';
import { portalLink } from '../rendering/portal-link';
import { renderEmail, renderTemplate } from '../rendering/templates';

export interface StatementDependencies extends DeliveryDependencies {
  renderer: PdfRenderer;
  publicUrl: string;
}

type Statement = EventData<'portico.document.statement-requested.v1'>;

/** The statement PDF by email to the customer, in the tenant's language. */
export class StatementEmails {
  constructor(private readonly deps: StatementDependencies) {}

  /** Returns the delivery's id. */
  async send(
    tenant: TenantScope,
    eventId: string,
    data: Statement,
    resendOf: string | null = null,
  ): Promise<string> {
    const { tenantId } = tenant;
    const branding = await this.deps.store.brandings.of(tenant);
    const view = {
      ...statementView(data, branding.locale, branding),
      portalUrl: portalLink(this.deps.publicUrl, '/statement', tenantId),
    };
    return deliverOnce(
      this.deps,
      {
        tenantId,
        eventId,
        kind: 'ACCOUNT_STATEMENT',
        to: data.email,
        subject: wordingOf(branding.locale).subjects.statement(view.date),
        customerId: data.customerId,
        documentId: null,
        resendable: { kind: 'ACCOUNT_STATEMENT', data },
        resendOf,
      },
      async () => {
        const email = renderEmail(branding.locale, 'account-statement', view, branding);
        return {
          ...senderOf(branding),
          ...email,
          attachments: [
            ...email.attachments,
            {
              filename: `statement-${data.date}.pdf`,
              content: await this.deps.renderer.render(renderTemplate('statement.pdf', view)),
              contentType: 'application/pdf',
            },
          ],
        };
      },
    );
  }
}
