import { currentDocumentIssued, DOCUMENT_TYPES } from '@portico/events';
import { defaultBranding } from '../model/branding';
import { documentView, statementView } from './document-view';
import { formatterOf, LOCALES, wordingOf } from './locale';
import { renderEmail, renderTemplate } from './templates';

describe('locales', () => {
  it('format money exactly, with the currency’s own minor units, as each locale writes it', () => {
    const en = formatterOf('en');
    const de = formatterOf('de');
    expect(en.money('1234567.89', 'EUR')).toBe('€1,234,567.89');
    expect(de.money('1234567.89', 'EUR')).toBe('1.234.567,89\u00a0€');
    // Beyond a double's precision: formatted from the decimal string, not a float.
    expect(de.money('90071992547409.93', 'EUR')).toBe('90.071.992.547.409,93\u00a0€');
    expect(de.money('-12.50', 'EUR')).toBe('-12,50\u00a0€');
    expect(en.money('1500', 'JPY')).toBe('JP¥1,500');
    expect(de.money('1.125', 'BHD')).toBe('1,125\u00a0BHD');
  });

  it('format calendar dates without shifting them by a time zone', () => {
    expect(formatterOf('en').date('2026-01-01')).toBe('1 Jan 2026');
    expect(formatterOf('de').date('2026-12-31')).toBe('31.12.2026');
  });

  it('format a moment with its time zone', () => {
    const at = new Date('2026-11-30T10:05:00Z');
    expect(formatterOf('en').moment(at)).toBe('30 Nov 2026, 10:05 UTC');
    expect(formatterOf('de').moment(at)).toBe('30. Nov. 2026, 10:05 UTC');
  });

  it('title every document type in every locale', () => {
    for (const locale of LOCALES)
      for (const type of DOCUMENT_TYPES) expect(wordingOf(locale).titles[type]).toMatch(/\S/);
    expect(wordingOf('de').titles.CREDIT_NOTE).toBe('Gutschrift');
  });

  it('have every email template in every locale', () => {
    const branding = defaultBranding('t1', 'Nordwind');
    const view = {
      customerName: 'A',
      title: 'T',
      number: 'N',
      issueDate: 'D',
      dueDate: null,
      t: wordingOf('en').labels,
      grossTotal: 'G',
      portalUrl: 'https://p.example',
      attached: true,
      name: null,
      organization: 'O',
      customer: 'C',
      needsCode: false,
      invitedBy: null,
      role: 'admin',
      link: 'https://p.example/x?token=t',
      expiresAt: 'E',
      date: 'D',
      totals: [],
    };
    const kinds = [
      'document-issued',
      'account-statement',
      'contact-invitation',
      'password-reset',
      'password-reset-unavailable',
      'email-verification',
      'staff-invitation',
    ];
    for (const locale of LOCALES)
      for (const kind of kinds)
        for (const part of ['text', 'html'])
          expect(renderEmail(locale, kind, view, branding)[part as 'text' | 'html']).toContain(
            'Nordwind',
          );
    expect(renderEmail('de', 'document-issued', view, branding).text).toContain('Guten Tag A');
  });
});

describe('document view', () => {
  const issued = {
    documentId: 'd1',
    notes: null,
    type: 'CREDIT_NOTE' as const,
    number: 'GS-1',
    issueDate: '2026-03-05',
    dueDate: null,
    currency: 'EUR',
    netTotal: '-100.00',
    taxTotal: '-19.00',
    grossTotal: '-119.00',
    lines: [
      {
        description: 'Return',
        quantity: '-1.5',
        unitPrice: '66.666',
        taxRate: '19',
        netAmount: '-100.00',
        taxAmount: '-19.00',
        grossAmount: '-119.00',
      },
    ],
    taxBreakdown: [{ rate: '19', netAmount: '-100.00', taxAmount: '-19.00' }],
    billTo: {
      number: 'K-7',
      displayName: 'Müller GmbH',
      address: { street: 'Hafenstr. 1', postalCode: '20457', city: 'Hamburg', country: 'DE' },
      taxId: null,
      vatId: 'DE123456789',
    },
    customer: { id: 'c1', displayName: 'Müller GmbH' },
  };

  it('words and formats a document for its locale', () => {
    const view = documentView(issued, 'de', defaultBranding('t1', 'Nordwind'));
    expect(view).toMatchObject({
      title: 'Gutschrift',
      issueDate: '05.03.2026',
      dueDate: null,
      grossTotal: '-119,00\u00a0€',
      billTo: { addressLines: ['Hafenstr. 1', '20457 Hamburg', 'DE'], vatId: 'DE123456789' },
      taxes: [{ label: 'USt. 19 %', base: '-100,00\u00a0€', amount: '-19,00\u00a0€' }],
      brand: { name: 'Nordwind' },
    });
    expect(view.lines[0]).toMatchObject({ quantity: '-1,5', unitPrice: '66,666\u00a0€' });
  });

  it('renders an event from before lines were carried with its totals only', () => {
    const { lines: _l, taxBreakdown: _t, netTotal: _n, billTo: _b, ...old } = issued;
    const view = documentView(currentDocumentIssued(old), 'en', defaultBranding('t1'));
    expect(view).toMatchObject({ lines: [], taxes: [], netTotal: null, grossTotal: '-€119.00' });
    expect(renderTemplate('document.pdf', view)).toContain('Müller GmbH');
  });

  it('words a statement', () => {
    const view = statementView(
      {
        customerId: 'c1',
        customerName: 'Müller GmbH',
        email: 'ap@m.example',
        date: '2026-11-23',
        openDocuments: [],
        totals: [{ currency: 'EUR', grossTotal: '10', paidTotal: '0', balanceDue: '10' }],
        requestedBy: 'u1',
      },
      'de',
      defaultBranding('t1'),
    );
    expect(view.totals).toEqual([
      { currency: 'EUR', label: 'Offener Betrag (EUR)', balanceDue: '10,00\u00a0€' },
    ]);
    expect(renderTemplate('statement.pdf', view)).toContain('Es ist nichts offen.');
  });
});
