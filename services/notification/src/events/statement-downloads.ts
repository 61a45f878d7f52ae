import type { TenantScope } from '@portico/auth';
import type { EventData } from '@portico/events';
import type { StoredPdfs } from '../files/stored-pdfs';
import type { NotificationStore } from '../store';
import { statementView } from '../rendering/document-view';
import type { PdfRenderer } from '../rendering/pdf-renderer';
import { renderTemplate } from '../rendering/templates';

type Requested = EventData<'portico.document.statement-pdf-requested.v1'>;

// A statement PDF is fetched right after it is rendered; older ones are dropped.
const KEPT_MS = 60 * 60_000;

/**
 * Statements a contact downloads: rendered as the emailed ones are, in the
 * contact's language (else the tenant's), and kept under the statement's id
 * for the link the document service gave them.
 */
export class StatementDownloads {
  constructor(
    private readonly deps: { store: NotificationStore; renderer: PdfRenderer; pdfs: StoredPdfs },
  ) {}

  async render(tenant: TenantScope, data: Requested): Promise<void> {
    const { tenantId } = tenant;
    const { store, renderer, pdfs } = this.deps;
    const branding = await store.brandings.of(tenant);
    const contact = await store.findRecipient(tenant, data.accessId);
    const locale = contact?.locale ?? branding.locale;
    await pdfs.renderOnce(data.statementId, { tenantId, customerId: data.customerId }, () =>
      renderer.render(renderTemplate('statement.pdf', statementView(data, locale, branding))),
    );
    await pdfs.prune(new Date(Date.now() - KEPT_MS));
  }
}
