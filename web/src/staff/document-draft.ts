import { AppError } from '@portico/errors';
import { formatAmount, priceLines, type PricedDocument } from '@portico/money';
import type { DocumentInput, DocumentType } from '../gql/graphql';

/** One line as typed. */
export interface LineDraft {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
}

/** The document editor's state: every field as typed, '' for nothing. */
export interface DocumentDraft {
  customerId: string;
  type: DocumentType;
  currency: string;
  issueDate: string;
  dueDate: string;
  project: string;
  notes: string;
  lines: LineDraft[];
}

export const EMPTY_LINE: LineDraft = {
  description: '',
  quantity: '1',
  unitPrice: '',
  taxRate: '19',
};

const day = (date: Date) => date.toISOString().slice(0, 10);

/** A new invoice due in 14 days, with one empty line. */
export function newDocumentDraft(customerId = '', today = new Date()): DocumentDraft {
  const due = new Date(today);
  due.setUTCDate(due.getUTCDate() + 14);
  return {
    customerId,
    type: 'INVOICE',
    currency: 'EUR',
    issueDate: day(today),
    dueDate: day(due),
    project: '',
    notes: '',
    lines: [{ ...EMPTY_LINE }],
  };
}

/**
 * A number as the server takes it ("1234.5"). A comma is read as the decimal mark when there is
 * no point, so "12,50" typed on a German keyboard works; anything else goes as typed and the
 * shared rules say what is wrong with it.
 */
export function decimalOf(typed: string): string {
  const compact = typed.replace(/\s/g, '');
  return compact.includes('.') ? compact : compact.replace(',', '.');
}

const lineInputOf = (line: LineDraft) => ({
  description: line.description.trim(),
  quantity: decimalOf(line.quantity),
  unitPrice: decimalOf(line.unitPrice),
  taxRate: decimalOf(line.taxRate),
});

export function documentInputOf(draft: DocumentDraft): DocumentInput {
  return {
    customerId: draft.customerId,
    type: draft.type,
    currency: draft.currency.trim().toUpperCase(),
    issueDate: draft.issueDate || null,
    dueDate: draft.dueDate || null,
    project: draft.project.trim() || null,
    notes: draft.notes.trim() || null,
    lines: draft.lines.map(lineInputOf),
  };
}

export interface LineAmounts {
  net: string;
  tax: string;
  gross: string;
}

export interface DraftTotals {
  /** Per line: its amounts, or null while it is incomplete or wrong. */
  lines: (LineAmounts | null)[];
  /** The document's, once every line can be priced. */
  totals: LineAmounts | null;
  /** What is wrong, by the server's field names (`input.lines.0.unitPrice`). */
  errors: Record<string, string>;
}

const amountsOf = (
  minor: { netMinor: number; taxMinor: number; grossMinor: number },
  exponent: number,
) => ({
  net: formatAmount(minor.netMinor, exponent),
  tax: formatAmount(minor.taxMinor, exponent),
  gross: formatAmount(minor.grossMinor, exponent),
});

const blank = (line: LineDraft) =>
  !line.quantity.trim() || !line.unitPrice.trim() || !line.taxRate.trim();

/**
 * Prices the draft as the document service will: the very same code (`@portico/money`), so the
 * totals shown are the ones the document gets, to the cent. A line not yet filled in has no
 * amounts and no complaint; a wrong one has the server's complaint under its field.
 */
export function draftTotals(draft: DocumentDraft): DraftTotals {
  const currency = draft.currency.trim().toUpperCase();
  const errors: Record<string, string> = {};
  const lines = draft.lines.map((line, index) => {
    if (blank(line)) return null;
    try {
      const priced: PricedDocument = priceLines(currency, [lineInputOf(line)]);
      return amountsOf(priced.lines[0]!, priced.exponent);
    } catch (error) {
      if (!(error instanceof AppError) || !error.field) throw error;
      // Priced alone, the line is number 0; its place in the document is `index`.
      errors[error.field.replace('input.lines.0.', `input.lines.${index}.`)] = error.message;
      return null;
    }
  });
  let totals: LineAmounts | null = null;
  if (lines.every(Boolean) && Object.keys(errors).length === 0) {
    try {
      const priced = priceLines(currency, draft.lines.map(lineInputOf));
      totals = amountsOf(priced, priced.exponent);
    } catch (error) {
      if (!(error instanceof AppError) || !error.field) throw error;
      errors[error.field] = error.message;
    }
  }
  return { lines, totals, errors };
}
