import { randomUUID } from 'node:crypto';
import { RevocationList } from '@portico/auth';
import type { CloudEvent } from '@portico/events';
import type { EventBus, Subscription } from '@portico/kafka';

/**
 * Subscribes this process to every revocation: a consumer group of its own
 * (each replica must see all of them), reading the short-retention topic from
 * the beginning so a process that starts late still knows what was revoked.
 */
export async function followRevocations(
  bus: EventBus,
  processName: string,
  onFatal: (error: Error) => void,
): Promise<{ revocations: RevocationList; subscription: Subscription }> {
  const revocations = new RevocationList();
  const subscription = await bus.subscribe({
    groupId: `${processName}.revocations.${randomUUID()}`,
    topics: ['identity.revocations.v1'],
    onFatal,
    async handle(event: CloudEvent) {
      if (event.type !== 'portico.identity.session-revoked.v1') return;
      const data = event.data as CloudEvent<'portico.identity.session-revoked.v1'>['data'];
      revocations.add(data.sessionId, new Date(data.tokensValidUntil));
    },
  });
  return { revocations, subscription };
}
