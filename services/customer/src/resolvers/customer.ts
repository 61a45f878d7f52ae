import type { CustomerContext } from '../context';
import type { CustomerRecord } from '../model/customer';

export const customerResolvers = {
  /** Entity resolution obeys the same rules as customer(id): tenant, and for contacts their own. */
  async __resolveReference(reference: { id: string }, { auth, store }: CustomerContext) {
    if (auth.kind === 'ANONYMOUS') return null;
    if (auth.kind === 'CONTACT' && auth.customerId !== reference.id) return null;
    return store.findCustomer(auth.tenantId, reference.id);
  },
  id: (customer: CustomerRecord) => customer._id,
  createdAt: (customer: CustomerRecord) => customer.createdAt.toISOString(),
};

export const accessLevelResolvers = {
  id: (level: { _id: string }) => level._id,
};
