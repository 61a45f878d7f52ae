import { principalScope } from '@portico/auth';
import type { EmailMessageResolvers } from '../generated/resolver-types';

export const emailMessageResolvers: EmailMessageResolvers = {
  /** Staff of the same tenant only: email history is not for contacts. */
  __resolveReference: (reference, { auth, store }) =>
    auth.kind === 'STAFF' ? store.findEmail(principalScope(auth), reference.id) : null,
  id: (email) => email._id,
  createdAt: (email) => email.createdAt.toISOString(),
  sentAt: (email) => email.sentAt?.toISOString() ?? null,
};
