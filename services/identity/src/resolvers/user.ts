import { forbidden } from '@portico/errors';
import type { IdentityContext } from '../context';
import type { UserRecord } from '../model/user';

/** A staff user as a contact sees them (a comment's author): the name, nothing else. */
type StaffNameOnly = Pick<UserRecord, '_id' | 'tenantId' | 'kind' | 'firstName' | 'lastName'> & {
  nameOnly: true;
};
type SeenUser = UserRecord | StaffNameOnly;

const isNameOnly = (user: SeenUser): user is StaffNameOnly => 'nameOnly' in user;

/** A field a contact may not read of a staff user; asking for it is an error, not a blank. */
const notForContacts =
  <K extends keyof UserRecord>(field: K) =>
  (user: SeenUser) => {
    if (isNameOnly(user)) throw forbidden(`A staff member's ${field} is not shown to contacts`);
    return user[field];
  };

export const userResolvers = {
  /**
   * Entity resolution: staff see users of their tenant; a contact sees
   * themselves, and of staff (who write comments to them) only the name,
   * never other contacts.
   */
  async __resolveReference(
    reference: { id: string },
    { auth, store }: IdentityContext,
  ): Promise<SeenUser | null> {
    if (auth.kind === 'ANONYMOUS') return null;
    const user = await store.findUser(auth.tenantId, reference.id);
    if (!user || auth.kind === 'STAFF' || user._id === auth.userId) return user;
    if (user.kind === 'CONTACT') return null;
    const { _id, tenantId, kind, firstName, lastName } = user;
    return { _id, tenantId, kind, firstName, lastName, nameOnly: true };
  },
  id: (user: SeenUser) => user._id,
  email: notForContacts('email'),
  disabled: notForContacts('disabled'),
  role: (user: SeenUser) => (isNameOnly(user) ? null : user.role),
  lastLoginAt: (user: SeenUser) =>
    isNameOnly(user) ? null : (user.lastLoginAt?.toISOString() ?? null),
  portalAccess: (user: SeenUser) =>
    !isNameOnly(user) && user.accessId ? { id: user.accessId } : null,
  customer: (user: SeenUser) =>
    !isNameOnly(user) && user.customerId ? { id: user.customerId } : null,
  accessId: (user: SeenUser) => (isNameOnly(user) ? null : user.accessId),
  customerId: (user: SeenUser) => (isNameOnly(user) ? null : user.customerId),
  organization: (user: SeenUser, _: unknown, { store }: IdentityContext) =>
    store.findOrganization(user.tenantId),
};

export const organizationResolvers = {
  id: (organization: { _id: string }) => organization._id,
};
