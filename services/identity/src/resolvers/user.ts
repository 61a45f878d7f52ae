import { principalScope, storedScope } from '@portico/auth';
import type { UserResolvers } from '../generated/resolver-types';
import { forbidden, found } from '@portico/errors';
import type { UserRecord } from '../model/user';

/** A staff user as a contact sees them (a comment's author): the name, nothing else. */
type StaffNameOnly = Pick<UserRecord, '_id' | 'tenantId' | 'kind' | 'firstName' | 'lastName'> & {
  nameOnly: true;
};
export type SeenUser = UserRecord | StaffNameOnly;

const isNameOnly = (user: SeenUser): user is StaffNameOnly => 'nameOnly' in user;

/** A field a contact may not read of a staff user; asking for it is an error, not a blank. */
const notForContacts =
  <K extends keyof UserRecord>(field: K) =>
  (user: SeenUser) => {
    if (isNameOnly(user)) throw forbidden(`A staff member's ${field} is not shown to contacts`);
    return user[field];
  };

export const userResolvers: UserResolvers = {
  /**
   * Entity resolution: staff see users of their tenant; a contact sees
   * themselves, and of staff (who write comments to them) only the name,
   * never other contacts.
   */
  async __resolveReference(reference, { auth, store }): Promise<SeenUser | null> {
    if (auth.kind === 'ANONYMOUS') return null;
    const user = await store.findUser(principalScope(auth), reference.id);
    if (!user || auth.kind === 'STAFF' || user._id === auth.userId) return user;
    if (user.kind === 'CONTACT') return null;
    const { _id, tenantId, kind, firstName, lastName } = user;
    return { _id, tenantId, kind, firstName, lastName, nameOnly: true };
  },
  id: (user) => user._id,
  email: notForContacts('email'),
  disabled: notForContacts('disabled'),
  role: (user) => (isNameOnly(user) ? null : user.role),
  lastLoginAt: (user) => (isNameOnly(user) ? null : (user.lastLoginAt?.toISOString() ?? null)),
  portalAccess: (user) => (!isNameOnly(user) && user.accessId ? { id: user.accessId } : null),
  customer: (user) => (!isNameOnly(user) && user.customerId ? { id: user.customerId } : null),
  accessId: (user) => (isNameOnly(user) ? null : user.accessId),
  customerId: (user) => (isNameOnly(user) ? null : user.customerId),
  organization: (user, _, { store }) =>
    found(store.findOrganization(storedScope(user)), 'Organization'),
};
