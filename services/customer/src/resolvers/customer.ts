import { principalScope } from '@portico/auth';
import { isoOrNull } from '@portico/subgraph';
import type { CustomerResolvers } from '../generated/resolver-types';

export const customerResolvers: CustomerResolvers = {
  /**
   * Entity resolution obeys the same rules as customer(id). A page of 20
   * documents of one customer asks for it 20 times: read once per request.
   */
  __resolveReference(reference, { visibleCustomer }) {
    return visibleCustomer(reference.id);
  },
  id: (customer) => customer._id,
  createdAt: (customer) => customer.createdAt.toISOString(),
  updatedAt: (customer) => isoOrNull(customer.updatedAt),
  /** Staff only: a contact does not see the other contacts of their customer. */
  accesses(customer, _, { auth, store }) {
    if (auth.kind !== 'STAFF') return [];
    return store.listAccesses(principalScope(auth), customer._id);
  },
  administrators(customer, _, { auth }) {
    if (auth.kind !== 'STAFF') return [];
    return customer.administratorIds.map((id) => ({ __typename: 'User', id }));
  },
};
