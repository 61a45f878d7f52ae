import type { CurrentData } from '@portico/events';
import type { Logger } from '@portico/logger';
import { defaultBranding } from '../model/branding';
import { documentView } from './document-view';
import { LOCALES } from './locale';
import type { PdfRenderer } from './pdf-renderer';
import { renderTemplate } from './templates';

/** A made-up invoice of `lineCount` lines: what the warm-up and bench:pdf render. */
export function sampleInvoice(lineCount = 20): CurrentData<'portico.document.issued.v1'> {
  return {
    documentId: 'sample',
    notes: null,
    type: 'INVOICE',
    number: 'INV-2026-000123',
    issueDate: '2026-11-23',
    dueDate: '2026-12-07',
    currency: 'EUR',
    netTotal: `${lineCount * 100}.00`,
    taxTotal: `${lineCount * 19}.00`,
    grossTotal: `${lineCount * 119}.00`,
    lines: Array.from({ length: lineCount }, (_, i) => ({
      description: `Consulting, work package ${i + 1}`,
      quantity: '1',
      unitPrice: '100.00',
      taxRate: '19',
      netAmount: '100.00',
      taxAmount: '19.00',
      grossAmount: '119.00',
    })),
    taxBreakdown: [
      { rate: '19', netAmount: `${lineCount * 100}.00`, taxAmount: `${lineCount * 19}.00` },
    ],
    billTo: {
      number: 'K-1001',
      displayName: 'Müller & Söhne GmbH',
      address: { street: 'Hafenstr. 1', postalCode: '20457', city: 'Hamburg', country: 'DE' },
      taxId: null,
      vatId: 'DE123456789',
    },
    customer: { id: 'c1', displayName: 'Müller & Söhne GmbH' },
  };
}

// Sample renders per pool page: the first ones on a fresh page are several times slower.
const RENDERS_PER_PAGE = 3;

/**
 * Launches Chromium and renders sample invoices on every page of the pool,
 * in each locale, so that the first documents after a start do not pay for
 * the launch and a cold renderer (with 400 documents at 20/s, the first ten
 * seconds' emails took 1.9 s at p50, the next ten 0.3 s). Never throws.
 */
export async function warmUpRendering(renderer: PdfRenderer, logger: Logger): Promise<void> {
  const branding = { ...defaultBranding('warm-up', 'Portico'), footer: 'Warm-up' };
  const started = Date.now();
  const pages = Array.from({ length: renderer.poolSize }, async (_, page) => {
    for (let n = 0; n < RENDERS_PER_PAGE; n++) {
      const locale = LOCALES[(page + n) % LOCALES.length]!;
      await renderer.render(
        renderTemplate('document.pdf', documentView(sampleInvoice(), locale, branding)),
      );
    }
  });
  try {
    await Promise.all(pages);
    logger.info({ ms: Date.now() - started }, 'PDF rendering warmed up');
  } catch (error) {
    logger.warn({ err: error }, 'PDF rendering could not be warmed up');
  }
}
