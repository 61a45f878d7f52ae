import type { MessageId } from '../i18n/locale';
import type { DraftField } from './customer-draft';

/** How each customer-data field is labelled, for the contact's page and staff's form alike. */
export const CUSTOMER_FIELD_LABELS: Record<DraftField, MessageId> = {
  phone: 'customer.phone',
  street: 'customer.street',
  postalCode: 'customer.postalCode',
  city: 'customer.city',
  country: 'customer.country',
  taxId: 'customer.taxId',
  vatId: 'customer.vatId',
  iban: 'customer.iban',
  bic: 'customer.bic',
  accountHolder: 'customer.accountHolder',
};
