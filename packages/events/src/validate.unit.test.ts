import { assertValidEvent, createEvent, topicOf } from './index';

const issued = () =>
  createEvent({
    type: 'portico.document.issued.v1',
    service: 'document',
    subject: 'd1',
    tenantId: 't1',
    data: {
      documentId: 'd1',
      type: 'INVOICE',
      number: 'INV-2026-000001',
      issueDate: '2026-11-23',
      currency: 'EUR',
      grossTotal: '1190.00',
      customer: { id: 'c1', displayName: 'ACME' },
    },
  });

describe('events', () => {
  it('builds a CloudEvents 1.0 envelope that validates', () => {
    const event = issued();
    expect(event).toMatchObject({
      specversion: '1.0',
      source: '/portico/document',
      tenantid: 't1',
      datacontenttype: 'application/json',
    });
    expect(() => assertValidEvent(event)).not.toThrow();
    expect(topicOf(event.type)).toBe('document.events.v1');
  });

  it('rejects payloads that break their schema', () => {
    const event = issued();
    expect(() => assertValidEvent({ ...event, data: { ...event.data, grossTotal: 1190 } })).toThrow(
      /grossTotal/,
    );
    expect(() => assertValidEvent({ ...event, data: { ...event.data, secret: 'x' } })).toThrow(
      /additional properties/,
    );
  });

  it('rejects bad envelopes and unknown types', () => {
    expect(() => assertValidEvent({ ...issued(), specversion: '0.3' })).toThrow(/invalid envelope/);
    expect(() => assertValidEvent({ ...issued(), type: 'portico.nothing.happened.v1' })).toThrow(
      /unknown event type/,
    );
  });
});
