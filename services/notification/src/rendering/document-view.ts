import type { CurrentData, EventData } from '@portico/events';
import type { BrandingRecord } from '../model/branding';
import { formatterOf, wordingOf, type Locale } from './locale';

type Issued = CurrentData<'portico.document.issued.v1'>;

/** What every branded PDF shows besides its content; the footer, else the tenant's name, on every page. */
export function brandView(branding: BrandingRecord) {
  return {
    name: branding.name,
    colour: branding.colour,
    logo: branding.logo,
    footer: branding.footer ?? branding.name,
  };
}

/**
 * The data `document.pdf.hbs` renders: words in the locale, money and dates
 * formatted for it. Events from before lines were carried (upcast with none) render the totals only.
 */
export function documentView(data: Issued, locale: Locale, branding: BrandingRecord) {
  const wording = wordingOf(locale);
  const format = formatterOf(locale);
  const money = (amount: string) => format.money(amount, data.currency);
  const { billTo } = data;
  const address = billTo.address ?? {};
  return {
    lang: locale,
    brand: brandView(branding),
    t: wording.labels,
    title: wording.titles[data.type],
    number: data.number,
    issueDate: format.date(data.issueDate),
    dueDate: data.dueDate ? format.date(data.dueDate) : null,
    billTo: {
      displayName: billTo.displayName,
      number: billTo.number || null,
      addressLines: [
        address.street,
        [address.postalCode, address.city].filter(Boolean).join(' '),
        address.country,
      ].filter((line): line is string => Boolean(line)),
      vatId: billTo.vatId ?? null,
      taxId: billTo.taxId ?? null,
    },
    lines: data.lines.map((line, index) => ({
      position: index + 1,
      description: line.description,
      quantity: format.decimal(line.quantity),
      unitPrice: format.price(line.unitPrice, data.currency),
      taxRate: `${format.decimal(line.taxRate)} %`,
      netAmount: money(line.netAmount),
    })),
    netTotal: data.netTotal ? money(data.netTotal) : null,
    taxes: data.taxBreakdown.map((tax) => ({
      label: `${wording.labels.taxAt} ${format.decimal(tax.rate)} %`,
      base: money(tax.netAmount),
      amount: money(tax.taxAmount),
    })),
    grossTotal: money(data.grossTotal),
    notes: data.notes,
  };
}

type Statement = EventData<'portico.document.statement-requested.v1'>;

/** The data `statement.pdf.hbs` and the statement emails render; also a downloaded statement's. */
export function statementView(
  data: Statement | EventData<'portico.document.statement-pdf-requested.v1'>,
  locale: Locale,
  branding: BrandingRecord,
) {
  const wording = wordingOf(locale);
  const format = formatterOf(locale);
  const day = (value: string | null | undefined) => (value ? format.date(value) : '');
  return {
    lang: locale,
    brand: brandView(branding),
    t: wording.labels,
    title: wording.statement,
    customerName: data.customerName,
    date: format.date(data.date),
    openDocuments: data.openDocuments.map((item) => ({
      number: item.number,
      issueDate: day(item.issueDate),
      dueDate: day(item.dueDate),
      grossTotal: format.money(item.grossTotal, item.currency),
      paidTotal: format.money(item.paidTotal, item.currency),
      balanceDue: format.money(item.balanceDue, item.currency),
    })),
    totals: data.totals.map((total) => ({
      currency: total.currency,
      label: `${wording.labels.balanceDue} (${total.currency})`,
      balanceDue: format.money(total.balanceDue, total.currency),
    })),
  };
}
