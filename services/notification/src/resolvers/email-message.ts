import type { NotificationContext } from '../context';
import type { EmailMessageRecord } from '../model/email-message';

export const emailMessageResolvers = {
  /** Staff of the same tenant only: email history is not for contacts. */
  __resolveReference: (reference: { id: string }, { auth, store }: NotificationContext) =>
    auth.kind === 'STAFF' ? store.findEmail(auth.tenantId, reference.id) : null,
  id: (email: EmailMessageRecord) => email._id,
  createdAt: (email: EmailMessageRecord) => email.createdAt.toISOString(),
  sentAt: (email: EmailMessageRecord) => email.sentAt?.toISOString() ?? null,
};
