import type { DocumentContext } from '../context';
import type { DocumentRecord } from '../model/document';
import type { PricedLine } from '../money/line-totals';
import { formatAmount } from '../money/line-totals';

type Line = PricedLine & { exponent: number };

export const documentResolvers = {
  /** Entity resolution applies the same visibility as document(id). */
  __resolveReference: (reference: { id: string }, { auth, store }: DocumentContext) =>
    store.findVisible(auth, reference.id),
  id: (document: DocumentRecord) => document._id,
  customer: (document: DocumentRecord) => ({ __typename: 'Customer', id: document.customerId }),
  lines: (document: DocumentRecord): Line[] =>
    document.lines.map((line) => ({ ...line, exponent: document.exponent })),
  netTotal: (document: DocumentRecord) => formatAmount(document.netMinor, document.exponent),
  taxTotal: (document: DocumentRecord) => formatAmount(document.taxMinor, document.exponent),
  grossTotal: (document: DocumentRecord) => formatAmount(document.grossMinor, document.exponent),
  createdAt: (document: DocumentRecord) => document.createdAt.toISOString(),
  issuedAt: (document: DocumentRecord) => document.issuedAt?.toISOString() ?? null,
};

export const documentLineResolvers = {
  netAmount: (line: Line) => formatAmount(line.netMinor, line.exponent),
  taxAmount: (line: Line) => formatAmount(line.taxMinor, line.exponent),
  grossAmount: (line: Line) => formatAmount(line.grossMinor, line.exponent),
};
