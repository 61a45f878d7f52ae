import type { CloudEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { OneTimeTokens } from '../one-time-tokens';
import type { IdentityStore } from '../store';

/**
 * Erases a deleted customer's contacts from identity: their users, sessions,
 * tokens, sign-in attempts and audit entries. Kept: the entry recording the
 * deletion itself, which names only the customer id and the staff user.
 */
export function erasureConsumer(store: IdentityStore, tokens: OneTimeTokens): ConsumerDefinition {
  return {
    name: 'erasure',
    topics: ['customer.events.v1'],
    async handle(event: CloudEvent) {
      if (event.type !== 'portico.customer.deleted.v1') return;
      const { customerId, accessIds } = event.data;
      const tenantId = event.tenantid;
      const contacts = await store.users
        .find({ tenantId, customerId }, { _id: 1, email: 1 })
        .lean()
        .exec();
      const userIds = contacts.map((contact) => contact._id);
      const sessionIds = (
        await store.sessions
          .find({ tenantId, userId: { $in: userIds } }, { _id: 1 })
          .lean()
          .exec()
      ).map((session) => session._id);
      await store.refreshTokens.deleteMany({ tenantId, sessionId: { $in: sessionIds } });
      await store.sessions.deleteMany({ tenantId, _id: { $in: sessionIds } });
      await tokens.eraseFor(tenantId, userIds);
      await store.signInAttempts.deleteMany({
        key: {
          $in: contacts.flatMap((contact) => [
            `account:${contact.email}`,
            `reset:account:${contact.email}`,
          ]),
        },
      });
      await store.auditEntries.deleteMany({
        tenantId,
        action: { $ne: 'customer.deleted' },
        $or: [
          { customerId },
          { actorId: { $in: userIds } },
          { targetId: { $in: [customerId, ...accessIds, ...userIds, ...sessionIds] } },
        ],
      });
      await store.users.deleteMany({ tenantId, _id: { $in: userIds } });
    },
  };
}
