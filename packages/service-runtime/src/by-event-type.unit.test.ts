import { createEvent, upcast } from '@portico/events';
import type { Delivery } from '@portico/kafka';
import { byEventType } from './by-event-type';

const delivery = {} as Delivery;

const revoked = upcast(
  createEvent({
    type: 'portico.access.revoked.v1',
    service: 'customer',
    subject: 'access-1',
    tenantId: 'tenant-a',
    data: {
      accessId: 'access-1',
      customerId: 'customer-1',
      revokedBy: 'user-1',
      reason: 'REVOKED',
      revokedAt: '2026-12-05T10:00:00.000Z',
    },
  }),
);

describe('byEventType', () => {
  it("calls the event type's handler with the event's tenant and data", async () => {
    const seen: unknown[] = [];
    const handle = byEventType({
      'portico.access.revoked.v1': async (tenant, data, event) => {
        seen.push([tenant.tenantId, data.accessId, event.id === revoked.id]);
      },
      'portico.access.granted.v1': async () => {
        seen.push('granted');
      },
    });
    await handle(revoked, delivery);
    expect(seen).toEqual([['tenant-a', 'access-1', true]]);
  });

  it('passes over event types it has no handler for', async () => {
    const seen: string[] = [];
    const handle = byEventType({
      'portico.access.granted.v1': async () => {
        seen.push('granted');
      },
    });
    await expect(handle(revoked, delivery)).resolves.toBeUndefined();
    expect(seen).toEqual([]);
  });

  it("waits for the handler, so a failure reaches the consumer's retry", async () => {
    const handle = byEventType({
      'portico.access.revoked.v1': async () => {
        throw new Error('database down');
      },
    });
    await expect(handle(revoked, delivery)).rejects.toThrow('database down');
  });
});
