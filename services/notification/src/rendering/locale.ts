import type { DocumentType } from '@portico/events';

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

const LANGUAGE_TAGS: Record<Locale, string> = { en: 'en-GB', de: 'de-DE' };

/** The words a rendered document or email needs, per locale. */
interface Wording {
  titles: Record<DocumentType, string>;
  statement: string;
  email: {
    /** Under an email's button, before its address, for clients that show no buttons. */
    linkFallback: string;
  };
  labels: {
    number: string;
    date: string;
    dueDate: string;
    customerNumber: string;
    vatId: string;
    taxId: string;
    description: string;
    quantity: string;
    unitPrice: string;
    taxRate: string;
    net: string;
    tax: string;
    gross: string;
    netTotal: string;
    taxAt: string;
    grossTotal: string;
    balanceDue: string;
    openItems: string;
    nothingOpen: string;
  };
  subjects: {
    invitation: (organization: string) => string;
    passwordReset: string;
    notActivated: string;
    emailVerification: (organization: string) => string;
    staffInvitation: (organization: string) => string;
    statement: (date: string) => string;
  };
}

const WORDING: Record<Locale, Wording> = {
  en: {
    titles: {
      INVOICE: 'Invoice',
      CREDIT_NOTE: 'Credit note',
      DEBIT_NOTE: 'Debit note',
      ESTIMATE: 'Estimate',
      REMINDER: 'Payment reminder',
      DELIVERY_NOTE: 'Delivery note',
      ORDER_CONFIRMATION: 'Order confirmation',
    },
    statement: 'Account statement',
    email: { linkFallback: 'If the button does not work, open this address:' },
    labels: {
      number: 'Number',
      date: 'Date',
      dueDate: 'Due date',
      customerNumber: 'Customer no.',
      vatId: 'VAT ID',
      taxId: 'Tax ID',
      description: 'Description',
      quantity: 'Qty',
      unitPrice: 'Unit price',
      taxRate: 'VAT',
      net: 'Net',
      tax: 'VAT',
      gross: 'Gross',
      netTotal: 'Net total',
      taxAt: 'VAT',
      grossTotal: 'Total',
      balanceDue: 'Balance due',
      openItems: 'Open items',
      nothingOpen: 'Nothing is open.',
    },
    subjects: {
      invitation: (organization) => `Your customer portal at ${organization}`,
      passwordReset: 'Reset your Portico password',
      notActivated: 'Your portal access is not activated yet',
      emailVerification: (organization) => `Confirm your email address for ${organization}`,
      staffInvitation: (organization) => `You are invited to ${organization} on Portico`,
      statement: (date) => `Account statement as of ${date}`,
    },
  },
  de: {
    titles: {
      INVOICE: 'Rechnung',
      CREDIT_NOTE: 'Gutschrift',
      DEBIT_NOTE: 'Belastungsanzeige',
      ESTIMATE: 'Angebot',
      REMINDER: 'Zahlungserinnerung',
      DELIVERY_NOTE: 'Lieferschein',
      ORDER_CONFIRMATION: 'Auftragsbestätigung',
    },
    statement: 'Kontoauszug',
    email: { linkFallback: 'Falls die Schaltfläche nicht funktioniert, öffnen Sie diese Adresse:' },
    labels: {
      number: 'Nummer',
      date: 'Datum',
      dueDate: 'Fällig am',
      customerNumber: 'Kundennr.',
      vatId: 'USt-IdNr.',
      taxId: 'Steuernr.',
      description: 'Beschreibung',
      quantity: 'Menge',
      unitPrice: 'Einzelpreis',
      taxRate: 'USt.',
      net: 'Netto',
      tax: 'USt.',
      gross: 'Brutto',
      netTotal: 'Summe netto',
      taxAt: 'USt.',
      grossTotal: 'Gesamtbetrag',
      balanceDue: 'Offener Betrag',
      openItems: 'Offene Posten',
      nothingOpen: 'Es ist nichts offen.',
    },
    subjects: {
      invitation: (organization) => `Ihr Kundenportal bei ${organization}`,
      passwordReset: 'Ihr Portico-Passwort zurücksetzen',
      notActivated: 'Ihr Portalzugang ist noch nicht aktiviert',
      emailVerification: (organization) => `Bestätigen Sie Ihre E-Mail-Adresse für ${organization}`,
      staffInvitation: (organization) => `Einladung zu ${organization} auf Portico`,
      statement: (date) => `Kontoauszug zum ${date}`,
    },
  },
};

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

export const wordingOf = (locale: Locale): Wording => WORDING[locale];

/**
 * Money and dates as the locale writes them. Amounts stay exact: they are
 * decimal strings, which Intl.NumberFormat formats without going through a
 * float (ES2023).
 */
export function formatterOf(locale: Locale): Formatter {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = newFormatter(locale);
    formatters.set(locale, formatter);
  }
  return formatter;
}

// Built once per locale: Intl formats are costly to make and every email needs them.
const formatters = new Map<Locale, Formatter>();

function newFormatter(locale: Locale) {
  const tag = LANGUAGE_TAGS[locale];
  const dates = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  // dateStyle cannot be combined with timeZoneName, hence the fields one by one.
  const moments = new Intl.DateTimeFormat(tag, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
  const decimals = new Intl.NumberFormat(tag, { maximumFractionDigits: 20 });
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const moneyFormat = (currency: string, allDigits: boolean) => {
    const key = `${currency}/${allDigits}`;
    let format = moneyFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(tag, {
        style: 'currency',
        currency,
        ...(allDigits ? { maximumFractionDigits: 20 } : {}),
      });
      moneyFormats.set(key, format);
    }
    return format;
  };
  return {
    money(amount: string, currency: string): string {
      return moneyFormat(currency, false).format(amount as Intl.StringNumericLiteral);
    },
    /** A unit price: at least the currency's minor units, and every digit it was given. */
    price(amount: string, currency: string): string {
      return moneyFormat(currency, true).format(amount as Intl.StringNumericLiteral);
    },
    /** A calendar date (YYYY-MM-DD), not a moment: shown as is, in UTC. */
    date(day: string): string {
      return dates.format(new Date(`${day}T00:00:00Z`));
    },
    /** A moment, such as a link's expiry. */
    moment(at: Date): string {
      return moments.format(at);
    },
    /** A quantity or rate as written in the locale, exactly ("1.5" -> "1,5" in German). */
    decimal(value: string): string {
      return decimals.format(value as Intl.StringNumericLiteral);
    },
  };
}

export type Formatter = ReturnType<typeof newFormatter>;
