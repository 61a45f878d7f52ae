import type { DocumentContext } from '../context';
import type { CustomerReplicaRecord } from '../model/customer-replica';
import type { DocumentRecord, PaymentRecord } from '../model/document';
import type { DocumentCommentRecord } from '../model/document-comment';
import { formatAmount, taxBreakdown, type PricedLine } from '@portico/money';
import { paymentStateOf } from '../payment-state';

type Line = PricedLine & { exponent: number };
const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

export const documentResolvers = {
  /** Entity resolution applies the same visibility as document(id). */
  async __resolveReference(reference: { id: string }, context: DocumentContext) {
    return context.store.findDocument((await context.viewer()).scope, reference.id);
  },
  id: (document: DocumentRecord) => document._id,
  /**
   * With the customer's name (provided to the gateway, see the schema) from
   * this service's copy, read only when the query asks for it (graphql-js
   * calls a function-valued property to resolve the field).
   */
  customer: (document: DocumentRecord, _: unknown, context: DocumentContext) => ({
    __typename: 'Customer',
    id: document.customerId,
    displayName: () => {
      const nameIn = (copy: CustomerReplicaRecord | null) =>
        copy?.tenantId === document.tenantId
          ? copy.displayName
          : (document.billTo?.displayName ?? '');
      // Mostly read already (a contact's list reads it first): answered without a promise per
      // document, which would make graphql-js wait on every object of the page.
      const known = context.customerCopy.known(document.customerId);
      return known ? nameIn(known.value) : context.customerCopy(document.customerId).then(nameIn);
    },
  }),
  paymentState: paymentStateOf,
  lines: (document: DocumentRecord): Line[] =>
    document.lines.map((line) => ({ ...line, exponent: document.exponent })),
  netTotal: (document: DocumentRecord) => formatAmount(document.netMinor, document.exponent),
  taxTotal: (document: DocumentRecord) => formatAmount(document.taxMinor, document.exponent),
  taxBreakdown: (document: DocumentRecord) => taxBreakdown(document.lines, document.exponent),
  grossTotal: (document: DocumentRecord) => formatAmount(document.grossMinor, document.exponent),
  paidTotal: (document: DocumentRecord) => formatAmount(document.paidMinor, document.exponent),
  balanceDue: (document: DocumentRecord) => formatAmount(document.balanceMinor, document.exponent),
  firstRetrievedAt: (document: DocumentRecord) => iso(document.firstRetrievedAt),
  lastRetrievedAt: (document: DocumentRecord) => iso(document.lastRetrievedAt),
  retrievalCount: (document: DocumentRecord) => document.retrievalCount ?? 0,
  /** Contacts see payments only with VIEW_PAYMENTS. */
  async payments(document: DocumentRecord, _: unknown, context: DocumentContext) {
    const viewer = await context.viewer();
    if (viewer.kind === 'CONTACT' && !viewer.may('VIEW_PAYMENTS')) return [];
    return document.payments.map((payment) => ({ ...payment, exponent: document.exponent }));
  },
  comments: (document: DocumentRecord, _: unknown, { store }: DocumentContext) =>
    store.commentsOn(document.tenantId, document._id),
  processors: (document: DocumentRecord, _: unknown, { auth }: DocumentContext) =>
    auth.kind === 'STAFF' ? document.processorIds.map((id) => ({ __typename: 'User', id })) : [],
  billTo: ({ billTo }: DocumentRecord) =>
    billTo && {
      customerNumber: billTo.number,
      name: billTo.displayName,
      email: billTo.email,
      street: billTo.address?.street ?? null,
      postalCode: billTo.address?.postalCode ?? null,
      city: billTo.address?.city ?? null,
      country: billTo.address?.country ?? null,
      taxId: billTo.taxId ?? null,
      vatId: billTo.vatId ?? null,
    },
  createdAt: (document: DocumentRecord) => document.createdAt.toISOString(),
  issuedAt: (document: DocumentRecord) => iso(document.issuedAt),
};

export const documentLineResolvers = {
  netAmount: (line: Line) => formatAmount(line.netMinor, line.exponent),
  taxAmount: (line: Line) => formatAmount(line.taxMinor, line.exponent),
  grossAmount: (line: Line) => formatAmount(line.grossMinor, line.exponent),
};

export const paymentResolvers = {
  id: (payment: PaymentRecord) => payment._id,
  amount: (payment: PaymentRecord & { exponent: number }) =>
    formatAmount(payment.amountMinor, payment.exponent),
};

export const documentCommentResolvers = {
  id: (comment: DocumentCommentRecord) => comment._id,
  author: (comment: DocumentCommentRecord) => ({ __typename: 'User', id: comment.authorId }),
  createdAt: (comment: DocumentCommentRecord) => comment.createdAt.toISOString(),
};
