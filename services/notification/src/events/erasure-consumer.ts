import { byEventType, type ConsumerDefinition } from '@portico/service-runtime';
import type { StoredPdfs } from '../files/stored-pdfs';
import type { CustomerEmailHold } from '../sending/customer-email-hold';
import type { NotificationStore } from '../store';

/** Erases a deleted customer's email history (invitations and document emails), held emails and PDFs. */
export function erasureConsumer(
  store: NotificationStore,
  pdfs: StoredPdfs[],
  hold: CustomerEmailHold,
): ConsumerDefinition {
  return {
    name: 'erasure',
    topics: ['customer.events.v1'],
    handle: byEventType({
      'portico.customer.deleted.v1': async (tenant, { customerId }) => {
        await store.eraseCustomerEmails(tenant, customerId);
        for (const stored of pdfs) await stored.eraseCustomer(tenant, customerId);
        await store.eraseCustomerRecipients(tenant, customerId);
        await hold.eraseCustomer(tenant, customerId);
      },
    }),
  };
}
