import type { PaymentResolvers } from '../generated/resolver-types';
import type { PaymentRecord } from '../model/document';
import { formatAmount } from '@portico/money';

/** A payment as resolved: with the document's currency exponent. */
export type ExponentPayment = PaymentRecord & { exponent: number };

export const paymentResolvers: PaymentResolvers = {
  id: (payment) => payment._id,
  amount: (payment) => formatAmount(payment.amountMinor, payment.exponent),
};
