import { createEvent, upcast } from '@portico/events';
import { auditEntryFor } from './audit-consumer';

const event = (type: Parameters<typeof createEvent>[0]['type'], data: object) =>
  upcast(createEvent({ type, service: 'test', subject: 's', tenantId: 't', data } as never));

describe('audit entries from other services’ events', () => {
  it('names actor, action, target and customer', () => {
    expect(
      auditEntryFor(
        event('portico.document.estimate-answered.v1', {
          documentId: 'd1',
          customerId: 'c1',
          number: 'EST-1',
          decision: 'DECLINE',
          answeredBy: 'u1',
          comment: null,
        }),
      ),
    ).toEqual({
      actorId: 'u1',
      action: 'document.estimate-declined',
      targetType: 'Document',
      targetId: 'd1',
      customerId: 'c1',
      details: '{"number":"EST-1"}',
    });
    expect(
      auditEntryFor(
        event('portico.document.retrieved.v1', {
          documentId: 'd1',
          customerId: 'c1',
          number: 'INV-1',
          how: 'DOWNLOADED',
          userId: 'u2',
          accessId: 'a1',
          at: '2026-11-23T10:00:00.000Z',
        }),
      ),
    ).toMatchObject({
      action: 'document.downloaded',
      details: '{"number":"INV-1","accessId":"a1"}',
    });
  });

  it('ignores events it does not audit', () => {
    expect(
      auditEntryFor(
        event('portico.identity.signed-in.v1', {
          userId: 'u',
          kind: 'STAFF',
          at: '2026-11-23T10:00:00.000Z',
        }),
      ),
    ).toBeNull();
  });
});
