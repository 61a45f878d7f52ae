import type { DocumentLineResolvers } from '../generated/resolver-types';
import { formatAmount, type PricedLine } from '@portico/money';

/** A line as resolved: its amounts with the document's currency exponent. */
export type Line = PricedLine & { exponent: number };

export const documentLineResolvers: DocumentLineResolvers = {
  netAmount: (line) => formatAmount(line.netMinor, line.exponent),
  taxAmount: (line) => formatAmount(line.taxMinor, line.exponent),
  grossAmount: (line) => formatAmount(line.grossMinor, line.exponent),
};
