import { randomUUID } from 'node:crypto';
import { createEvent } from '@portico/events';
import { connectMongo, type Connection } from '@portico/mongo';
import { webhookClaimModel, webhookDeliveryModel } from '../model/webhook';
import { CLAIM_LEASE_MS, WebhookDeliveries } from './webhook-deliveries';

/**
 * Two replicas (two connections, two queues) on one database: each due
 * delivery is claimed by exactly one of them, as the dispatchers of two
 * notification processes would race for it every poll.
 */
const database = `t_webhook_claims_${randomUUID().slice(0, 8)}`;
const schedule = { firstRetryMs: 1_000, maxAttempts: 3 };
let connections: Connection[];
let replicas: WebhookDeliveries[];

beforeAll(async () => {
  connections = await Promise.all([1, 2].map(() => connectMongo(process.env.MONGO_URL!, database)));
  replicas = connections.map(
    (connection) =>
      new WebhookDeliveries(
        webhookDeliveryModel(connection),
        webhookClaimModel(connection),
        schedule,
      ),
  );
  await webhookDeliveryModel(connections[0]!).createIndexes();
});
afterAll(async () => {
  await connections[0]?.dropDatabase();
  await Promise.all(connections.map((connection) => connection.close()));
});

const endpoint = { _id: 'endpoint-1', tenantId: 'tenant-1' };
const issued = () =>
  createEvent({
    type: 'portico.partner.document-voided.v1',
    service: 'notification',
    subject: 'document-1',
    tenantId: endpoint.tenantId,
    data: { documentId: 'document-1', customerId: 'customer-1', number: 'INV-1', reason: 'typo' },
  });

describe('claiming webhook deliveries across replicas', () => {
  it('gives each due delivery to exactly one replica', async () => {
    for (let i = 0; i < 20; i++) await replicas[0]!.enqueue(endpoint, issued());
    const [seenByFirst, seenBySecond] = await Promise.all(replicas.map((r) => r.due(50)));
    expect(seenByFirst).toHaveLength(20);
    expect(seenBySecond).toHaveLength(20);

    // Both replicas try every delivery at the same time, as two dispatchers would.
    const wins = await Promise.all(
      seenByFirst!.map((delivery, index) =>
        Promise.all([replicas[0]!.claim(delivery), replicas[1]!.claim(seenBySecond![index]!)]),
      ),
    );
    for (const [first, second] of wins) expect(Number(first) + Number(second)).toBe(1);
    // Claimed deliveries are not due again while their lease runs.
    expect(await replicas[1]!.due(50)).toHaveLength(0);
  });

  it('lets another replica take over a try whose lease ran out', async () => {
    const event = issued();
    await replicas[0]!.enqueue(endpoint, event);
    const [delivery] = (await replicas[0]!.due(50)).filter((d) => d.eventId === event.id);
    expect(await replicas[0]!.claim(delivery!)).toBe(true);

    // The first replica died mid-try; once the lease is over the delivery is due again.
    const later = new Date(Date.now() + CLAIM_LEASE_MS + 1_000);
    const [again] = (await replicas[1]!.due(50, later)).filter((d) => d.eventId === event.id);
    expect(again).toBeDefined();
    expect(await replicas[1]!.claim(again!, later)).toBe(true);
    // The stale read of the first state claims nothing.
    expect(await replicas[1]!.claim(delivery!, later)).toBe(false);
  });

  it('forgets claims after an hour', async () => {
    const claims = webhookClaimModel(connections[0]!);
    const before = await claims.countDocuments();
    expect(before).toBeGreaterThan(0);
    await replicas[0]!.forgetOldClaims(new Date(Date.now() + 2 * 3_600_000));
    expect(await claims.countDocuments()).toBe(0);
  });
});
