import type { DocumentStatus, DocumentType, PaymentState } from '../gql/graphql';
import type { MessageId } from '../i18n/locale';

/** Catalog ids of the API's enums, so every page names them alike. */
export const TYPE_LABELS: Record<DocumentType, MessageId> = {
  INVOICE: 'type.INVOICE',
  CREDIT_NOTE: 'type.CREDIT_NOTE',
  DEBIT_NOTE: 'type.DEBIT_NOTE',
  ESTIMATE: 'type.ESTIMATE',
  REMINDER: 'type.REMINDER',
  DELIVERY_NOTE: 'type.DELIVERY_NOTE',
  ORDER_CONFIRMATION: 'type.ORDER_CONFIRMATION',
};

export const PAYMENT_LABELS: Record<PaymentState, MessageId> = {
  UNPAID: 'payment.UNPAID',
  PARTIALLY_PAID: 'payment.PARTIALLY_PAID',
  PAID: 'payment.PAID',
  OVERDUE: 'payment.OVERDUE',
};

export const STATUS_LABELS: Record<DocumentStatus, MessageId> = {
  DRAFT: 'status.DRAFT',
  ISSUED: 'status.ISSUED',
  PARTIALLY_PAID: 'status.PARTIALLY_PAID',
  PAID: 'status.PAID',
  VOID: 'status.VOID',
  ACCEPTED: 'status.ACCEPTED',
  DECLINED: 'status.DECLINED',
};
