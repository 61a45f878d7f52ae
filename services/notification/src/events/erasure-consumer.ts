import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
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
    async handle(event: CurrentEvent) {
      if (event.type !== 'portico.customer.deleted.v1') return;
      const { customerId } = event.data;
      await store.eraseCustomerEmails(eventScope(event), customerId);
      for (const stored of pdfs) await stored.eraseCustomer(eventScope(event), customerId);
      await store.eraseCustomerRecipients(eventScope(event), customerId);
      await hold.eraseCustomer(eventScope(event), customerId);
    },
  };
}
