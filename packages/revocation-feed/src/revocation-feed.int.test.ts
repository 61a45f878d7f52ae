import { randomUUID } from 'node:crypto';
import { createEvent } from '@portico/events';
import { createKafkaBus } from '@portico/kafka';
import { createLogger } from '@portico/logger';
import { followRevocations } from './index';

const logger = createLogger('revocation-test', { level: 'silent' });
const bus = createKafkaBus({
  brokers: process.env.KAFKA_BROKERS!.split(','),
  clientId: 'revocation-test',
  logger,
});

function revoked(sessionId: string) {
  return createEvent({
    type: 'portico.identity.session-revoked.v1',
    service: 'identity',
    subject: sessionId,
    tenantId: 't1',
    data: {
      sessionId,
      userId: 'u1',
      reason: 'signed out',
      tokensValidUntil: new Date(Date.now() + 900_000).toISOString(),
    },
  });
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}

beforeAll(() => bus.ensureTopics());
afterAll(() => bus.close());

describe('revocation feed', () => {
  it('learns revocations published before it started, and after', async () => {
    const earlier = randomUUID();
    await bus.publish([revoked(earlier)]);
    const { revocations, subscription, caughtUp } = await followRevocations(
      bus,
      'test',
      (error) => {
        throw error;
      },
    );
    // Caught up means everything published before the start is already in the list.
    await caughtUp;
    expect(revocations.has(earlier)).toBe(true);

    const later = randomUUID();
    await bus.publish([revoked(later)]);
    const latency = await until(() => revocations.has(later));
    process.stdout.write(`\nrevocation reached a following process ${latency} ms after publish\n`);
    await subscription.stop();
    expect(revocations.has(randomUUID())).toBe(false);
  });
});
