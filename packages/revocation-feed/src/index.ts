import { randomUUID } from 'node:crypto';
import { RevocationList } from '@portico/auth';
import type { CloudEvent, EventData } from '@portico/events';
import type { EventBus, Subscription } from '@portico/kafka';

/**
 * Subscribes this process to every revocation: ended sessions (identity) and
 * revoked or re-timed portal accesses (customer). A consumer group of its own
 * (each replica must see all of them), reading from the beginning so a
 * process that starts late still knows what was revoked.
 */
export async function followRevocations(
  bus: EventBus,
  processName: string,
  onFatal: (error: Error) => void,
): Promise<{ revocations: RevocationList; subscription: Subscription }> {
  const revocations = new RevocationList();
  const subscription = await bus.subscribe({
    groupId: `${processName}.revocations.${randomUUID()}`,
    topics: ['identity.revocations.v1', 'access.events.v1'],
    onFatal,
    async handle(event: CloudEvent) {
      switch (event.type) {
        case 'portico.identity.session-revoked.v1': {
          const data = event.data as EventData<typeof event.type>;
          revocations.add(data.sessionId, new Date(data.tokensValidUntil));
          return;
        }
        case 'portico.access.revoked.v1': {
          const data = event.data as EventData<typeof event.type>;
          revocations.cutAccess(data.accessId, new Date(data.revokedAt));
          return;
        }
        case 'portico.access.updated.v1': {
          const data = event.data as EventData<typeof event.type>;
          if (data.expiresAt) revocations.cutAccess(data.accessId, new Date(data.expiresAt));
          else revocations.restoreAccess(data.accessId);
          return;
        }
        default:
          return;
      }
    },
  });
  return { revocations, subscription };
}
