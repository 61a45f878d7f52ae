import type { CloudEvent } from '@portico/events';

type DocumentType = CloudEvent<'portico.document.issued.v1'>['data']['type'];

/** The printed title of each document type. */
export const DOCUMENT_TITLES: Record<DocumentType, string> = {
  INVOICE: 'Invoice',
  CREDIT_NOTE: 'Credit note',
  DEBIT_NOTE: 'Debit note',
  ESTIMATE: 'Estimate',
  REMINDER: 'Payment reminder',
  DELIVERY_NOTE: 'Delivery note',
  ORDER_CONFIRMATION: 'Order confirmation',
};
