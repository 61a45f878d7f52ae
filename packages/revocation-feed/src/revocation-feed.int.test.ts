import { randomUUID } from 'node:crypto';
import { createEvent } from '@portico/events';
import { createKafkaBus } from '@portico/kafka';
import { createLogger } from '@portico/logger';
import { followRevocations, waitUntilRevocationsApplied } from './index';

const failOnFatal = (error: Error) => {
  throw error;
};
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
      failOnFatal,
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

  it('answers a revocation once every running process has applied it, and says who lags', async () => {
    const feed = await followRevocations(bus, 'test-fast', failOnFatal);
    await feed.caughtUp;
    // A process whose feed is stuck on one event: a consumer group named like a feed's.
    const stuckOn = randomUUID();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const seen = new Set<string>();
    const stuckGroup = `test-stuck.revocations.${randomUUID()}`;
    const stuck = await bus.subscribe({
      groupId: stuckGroup,
      topics: ['identity.revocations.v1', 'access.events.v1'],
      onFatal: failOnFatal,
      async handle(event) {
        if (event.subject === stuckOn) await released;
        seen.add(event.subject);
      },
    });
    const marker = randomUUID();
    await bus.publish([revoked(marker)]);
    await until(() => seen.has(marker));
    expect(await waitUntilRevocationsApplied(bus)).toMatchObject({ applied: true, behind: [] });

    await bus.publish([revoked(stuckOn)]);
    const waited = await waitUntilRevocationsApplied(bus, 1_000);
    expect(waited).toMatchObject({ applied: false, behind: [stuckGroup] });
    expect(waited.waitedMs).toBeGreaterThanOrEqual(1_000);
    expect(feed.revocations.has(stuckOn)).toBe(true);

    release();
    const applied = await waitUntilRevocationsApplied(bus);
    expect(applied).toMatchObject({ applied: true, behind: [] });
    expect(seen.has(stuckOn)).toBe(true);
    process.stdout.write(
      `\nevery running feed had applied it ${applied.waitedMs} ms after release\n`,
    );

    // A process that left (its group has no members) is not waited for.
    await stuck.stop();
    const next = randomUUID();
    await bus.publish([revoked(next)]);
    expect(await waitUntilRevocationsApplied(bus, 10_000)).toMatchObject({ applied: true });
    // Returned means applied: no waiting after it.
    expect(feed.revocations.has(next)).toBe(true);
    await feed.subscription.stop();
  });
});
