import type { CurrentData } from '@portico/events';
import { documentPdfHtml, issuedEmailView } from './events/document-issued-emails';
import type { BrandingRecord } from './model/branding';
import type { Locale } from './rendering/locale';
import type { PdfRenderer } from './rendering/pdf-renderer';
import { portalLink } from './rendering/portal-link';
import { renderEmail } from './rendering/templates';

// The email's column is 600 px; with its margins, as a desktop mail client shows it.
const EMAIL_WIDTH = 640;

const SAMPLE_WORDS = {
  en: { customer: 'Sample Customer Ltd', consulting: 'Consulting', travel: 'Travel expenses' },
  de: { customer: 'Musterkunde GmbH', consulting: 'Beratung', travel: 'Reisekosten' },
} satisfies Record<Locale, Record<string, string>>;

/** An invoice of today, in the tenant's language, that exists nowhere. */
function sampleInvoice(locale: Locale): CurrentData<'portico.document.issued.v1'> {
  const words = SAMPLE_WORDS[locale];
  const today = new Date();
  const day = (offset: number) =>
    new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    documentId: 'sample',
    notes: null,
    type: 'INVOICE',
    number: `INV-${today.getUTCFullYear()}-000123`,
    issueDate: day(0),
    dueDate: day(14),
    currency: 'EUR',
    netTotal: '1250.00',
    taxTotal: '237.50',
    grossTotal: '1487.50',
    customer: { id: 'sample', displayName: words.customer },
    billTo: {
      number: 'C-00042',
      displayName: words.customer,
      address: { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
      vatId: 'DE123456789',
    },
    lines: [
      {
        description: words.consulting,
        quantity: '10',
        unitPrice: '100.00',
        taxRate: '19',
        netAmount: '1000.00',
        taxAmount: '190.00',
        grossAmount: '1190.00',
      },
      {
        description: words.travel,
        quantity: '1',
        unitPrice: '250.00',
        taxRate: '19',
        netAmount: '250.00',
        taxAmount: '47.50',
        grossAmount: '297.50',
      },
    ],
    taxBreakdown: [{ rate: '19', netAmount: '1250.00', taxAmount: '237.50' }],
  };
}

export type BrandingPreview = (
  tenantId: string,
  branding: BrandingRecord,
) => ReturnType<typeof brandingPreview>;

/**
 * What a branding looks like before it is saved: the email a contact gets
 * for a new invoice, drawn by Chromium as a PNG, and the invoice's PDF, both
 * rendered by the very templates and renderer that send real ones.
 */
export async function brandingPreview(
  deps: { renderer: PdfRenderer; publicUrl: string },
  tenantId: string,
  branding: BrandingRecord,
) {
  const locale = branding.locale;
  const invoice = sampleInvoice(locale);
  const { subject, view } = issuedEmailView(invoice, locale, {
    customerName: invoice.customer.displayName,
    portalUrl: portalLink(deps.publicUrl, '/documents', tenantId),
    attached: true,
  });
  const email = renderEmail(locale, 'document-issued', view, branding);
  // Mail clients show the logo from its inline attachment (cid:); the page draws it from data.
  let html = email.html;
  for (const image of email.attachments)
    html = html.replaceAll(
      `cid:${image.cid}`,
      `data:${image.contentType};base64,${image.content.toString('base64')}`,
    );
  const [picture, pdf] = await Promise.all([
    deps.renderer.screenshot(html, EMAIL_WIDTH),
    deps.renderer.render(documentPdfHtml(invoice, locale, branding)),
  ]);
  return {
    emailSubject: subject,
    emailFrom: branding.name,
    email: `data:image/png;base64,${picture.toString('base64')}`,
    samplePdf: `data:application/pdf;base64,${pdf.toString('base64')}`,
  };
}
