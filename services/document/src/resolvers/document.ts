import { storedScope } from '@portico/auth';
import { isoOrNull } from '@portico/subgraph';
import type { DocumentResolvers } from '../generated/resolver-types';
import type { CustomerReplicaRecord } from '../model/customer-replica';
import { formatAmount, taxBreakdown } from '@portico/money';
import { paymentStateOf } from '../payment-state';
import type { Line } from './document-line';

/** A customer as this service knows it: its id, and the name it provides, read when asked for. */
export type CustomerReference = {
  __typename: 'Customer';
  id: string;
  displayName?: () => string | Promise<string>;
};

export const documentResolvers: DocumentResolvers = {
  /** Entity resolution applies the same visibility as document(id). */
  async __resolveReference(reference, context) {
    return context.store.findDocument((await context.viewer()).scope, reference.id);
  },
  id: (document) => document._id,
  /**
   * With the customer's name (provided to the gateway, see the schema) from
   * this service's copy, read only when the query asks for it (graphql-js
   * calls a function-valued property to resolve the field).
   */
  customer: (document, _, context) => ({
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
  lines: (document): Line[] =>
    document.lines.map((line) => ({ ...line, exponent: document.exponent })),
  netTotal: (document) => formatAmount(document.netMinor, document.exponent),
  taxTotal: (document) => formatAmount(document.taxMinor, document.exponent),
  taxBreakdown: (document) => taxBreakdown(document.lines, document.exponent),
  grossTotal: (document) => formatAmount(document.grossMinor, document.exponent),
  paidTotal: (document) => formatAmount(document.paidMinor, document.exponent),
  balanceDue: (document) => formatAmount(document.balanceMinor, document.exponent),
  firstRetrievedAt: (document) => isoOrNull(document.firstRetrievedAt),
  lastRetrievedAt: (document) => isoOrNull(document.lastRetrievedAt),
  retrievalCount: (document) => document.retrievalCount ?? 0,
  /** Contacts see payments only with VIEW_PAYMENTS. */
  async payments(document, _, context) {
    const viewer = await context.viewer();
    if (viewer.kind === 'CONTACT' && !viewer.may('VIEW_PAYMENTS')) return [];
    return document.payments.map((payment) => ({ ...payment, exponent: document.exponent }));
  },
  comments: (document, _, { store }) => store.commentsOn(storedScope(document), document._id),
  processors: (document, _, { auth }) =>
    auth.kind === 'STAFF' ? document.processorIds.map((id) => ({ __typename: 'User', id })) : [],
  billTo: ({ billTo }) =>
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
  createdAt: (document) => document.createdAt.toISOString(),
  issuedAt: (document) => isoOrNull(document.issuedAt),
};
