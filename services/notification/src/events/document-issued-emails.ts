import type { TenantScope } from '@portico/auth';
import type { CurrentData } from '@portico/events';
import type { Logger } from '@portico/logger';
import { senderOf } from '../branding';
import { deliverOnce, type DeliveryDependencies } from '../mail/tracked-delivery';
import type { StoredPdfs } from '../files/stored-pdfs';
import type { BrandingRecord } from '../model/branding';
import type { DocumentRecipient } from '../model/email-message';
import { wantsNewDocuments } from '../model/recipient';
import type { NotificationStore } from '../store';
import type { PdfRenderer } from '../rendering/pdf-renderer';
import { documentView } from '../rendering/document-view';
import { formatterOf, wordingOf, type Locale } from '../rendering/locale';
import { portalLink } from '../rendering/portal-link';
import { renderEmail, renderTemplate } from '../rendering/templates';

export interface DocumentIssuedDependencies extends DeliveryDependencies {
  renderer: PdfRenderer;
  pdfs: StoredPdfs;
  logger: Logger;
  publicUrl: string;
}

type Issued = CurrentData<'portico.document.issued.v1'>;

/**
 * Emails about issued documents: the PDF, kept for downloads, and an email to
 * each contact who wants it (attached unless they turned that off) with a
 * portal link, in the contact's language or the tenant's.
 */
export class DocumentEmails {
  constructor(private readonly deps: DocumentIssuedDependencies) {}

  /** The PDF, rendered once in the tenant's language and kept: attached to emails, served for downloads. */
  async keepPdf(tenant: TenantScope, data: Issued, branding?: BrandingRecord): Promise<Buffer> {
    const { tenantId } = tenant;
    const tenantBranding = branding ?? (await this.deps.store.brandings.of(tenant));
    return this.deps.pdfs.renderOnce(
      data.documentId,
      { tenantId, customerId: data.customer.id },
      () => this.pdf(data, tenantBranding.locale, tenantBranding),
    );
  }

  async issued(tenant: TenantScope, eventId: string, data: Issued): Promise<void> {
    const branding = await this.deps.store.brandings.of(tenant);
    const stored = await this.keepPdf(tenant, data, branding);
    const pdfs = new Map([[branding.locale, Promise.resolve(stored)]]);
    const recipients = await recipientsOf(this.deps.store, tenant, data);
    if (recipients.length === 0) {
      this.deps.logger.info({ documentId: data.documentId }, 'nobody to tell about this document');
      return;
    }
    for (const recipient of recipients)
      await this.send(tenant, eventId, data, recipient, { branding, pdfs });
  }

  /** One recipient's email (also what resendEmail sends); returns the delivery's id. */
  async send(
    tenant: TenantScope,
    eventId: string,
    data: Issued,
    recipient: DocumentRecipient,
    options: {
      branding?: BrandingRecord;
      pdfs?: Map<Locale, Promise<Buffer>>;
      resendOf?: string;
    } = {},
  ): Promise<string> {
    const { tenantId } = tenant;
    const branding = options.branding ?? (await this.deps.store.brandings.of(tenant));
    const pdfs = options.pdfs ?? new Map<Locale, Promise<Buffer>>();
    const locale = recipient.locale ?? branding.locale;
    const { subject, view } = issuedEmailView(data, locale, {
      customerName: recipient.name,
      portalUrl: portalLink(
        this.deps.publicUrl,
        `/documents/${encodeURIComponent(data.documentId)}`,
        tenantId,
      ),
      attached: recipient.attachPdf,
    });
    return deliverOnce(
      this.deps,
      {
        tenantId,
        eventId,
        kind: 'DOCUMENT_ISSUED',
        to: recipient.email,
        subject,
        customerId: data.customer.id,
        accessId: recipient.accessId,
        documentId: data.documentId,
        resendable: { kind: 'DOCUMENT_ISSUED', data, recipient },
        resendOf: options.resendOf ?? null,
      },
      async () => {
        if (recipient.attachPdf && !pdfs.has(locale))
          pdfs.set(locale, this.pdf(data, locale, branding));
        const email = renderEmail(locale, 'document-issued', view, branding);
        return {
          ...senderOf(branding),
          ...email,
          attachments: recipient.attachPdf
            ? [
                ...email.attachments,
                {
                  filename: `${data.number}.pdf`,
                  content: await pdfs.get(locale)!,
                  contentType: 'application/pdf',
                },
              ]
            : email.attachments,
        };
      },
    );
  }

  private pdf(data: Issued, locale: Locale, branding: BrandingRecord): Promise<Buffer> {
    return this.deps.renderer.render(documentPdfHtml(data, locale, branding));
  }
}

/** The HTML a document's PDF is printed from. */
export const documentPdfHtml = (data: Issued, locale: Locale, branding: BrandingRecord) =>
  renderTemplate('document.pdf', documentView(data, locale, branding));

/** The subject and the data of the email telling a recipient about an issued document. */
export function issuedEmailView(
  data: Issued,
  locale: Locale,
  recipient: { customerName: string; portalUrl: string; attached: boolean },
) {
  const format = formatterOf(locale);
  const wording = wordingOf(locale);
  const title = wording.titles[data.type];
  return {
    subject: `${title} ${data.number}`,
    view: {
      ...recipient,
      title,
      number: data.number,
      issueDate: format.date(data.issueDate),
      dueDate: data.dueDate ? format.date(data.dueDate) : null,
      t: wording.labels,
      grossTotal: format.money(data.grossTotal, data.currency),
    },
  };
}

/**
 * The customer's active contacts who want new documents, when the document is shared
 * with them; a customer without any gets it at its own billing address. A document
 * the portal does not show leaves by no email at all.
 */
async function recipientsOf(
  store: NotificationStore,
  tenant: TenantScope,
  data: Issued,
): Promise<DocumentRecipient[]> {
  // Not shared, or of a type the portal hides: nobody is told, the billing address neither.
  if (data.shared === false) return [];
  const contacts = (await store.customerRecipients(tenant, data.customer.id))
    .filter((contact) => wantsNewDocuments(contact))
    .map((contact) => ({
      email: contact.email,
      name: contact.firstName ?? data.customer.displayName,
      accessId: contact._id,
      // Without DOWNLOAD_DOCUMENTS the PDF stays in the portal; the email links there.
      attachPdf: contact.attachPdf && contact.permissions.includes('DOWNLOAD_DOCUMENTS'),
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
