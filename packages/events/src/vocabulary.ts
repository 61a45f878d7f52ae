/**
 * Closed word lists that several services and the event schemas share. The
 * JSON Schemas in schemas/events repeat them; a unit test keeps them equal.
 */
export const DOCUMENT_TYPES = [
  'INVOICE',
  'CREDIT_NOTE',
  'DEBIT_NOTE',
  'ESTIMATE',
  'REMINDER',
  'DELIVERY_NOTE',
  'ORDER_CONFIRMATION',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const PERMISSIONS = [
  'VIEW_DOCUMENTS',
  'DOWNLOAD_DOCUMENTS',
  'VIEW_PAYMENTS',
  'COMMENT',
  'RESPOND_TO_ESTIMATES',
  'VIEW_STATEMENTS',
  'EDIT_CUSTOMER_DATA',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
