import { principalScope, requireStaff } from '@portico/auth';
import type { EmailMessageResolvers, MutationResolvers } from '../generated/resolver-types';

export const emailMessageResolvers: EmailMessageResolvers = {
  /** Staff of the same tenant only: email history is not for contacts. */
  __resolveReference: (reference, { auth, store }) =>
    auth.kind === 'STAFF' ? store.findEmail(principalScope(auth), reference.id) : null,
  id: (email) => email._id,
  createdAt: (email) => email.createdAt.toISOString(),
  sentAt: (email) => email.sentAt?.toISOString() ?? null,
};

export const emailMessageMutationResolvers: MutationResolvers = {
  resendEmail: (_, { id }, context) =>
    context.resend.resend(principalScope(requireStaff(context.auth, ['OWNER', 'ADMIN'])), id),
};
