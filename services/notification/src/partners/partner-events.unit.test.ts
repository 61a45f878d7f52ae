import { assertValidEvent, createEvent, upcast, type CloudEvent } from '@portico/events';
import { partnerEventOf } from './partner-events';

const base = { service: 'document', subject: 'doc-1', tenantId: 'tenant-1' } as const;

const issued = createEvent({
  ...base,
  type: 'portico.document.issued.v1',
  data: {
    documentId: 'doc-1',
    type: 'INVOICE',
    number: 'INV-7',
    issueDate: '2026-11-23',
    dueDate: '2026-12-07',
    currency: 'EUR',
    grossTotal: '238.00',
    netTotal: '200.00',
    taxTotal: '38.00',
    customer: { id: 'cust-1', displayName: 'Acme', email: 'billing@acme.example' },
    shared: true,
    lines: [
      {
        description: 'Secret project',
        quantity: '2',
        unitPrice: '100.00',
        taxRate: '19',
        netAmount: '200.00',
        taxAmount: '38.00',
        grossAmount: '238.00',
      },
    ],
    taxBreakdown: [{ rate: '19', netAmount: '200.00', taxAmount: '38.00' }],
    billTo: { number: 'C-1', displayName: 'Acme', taxId: 'DE123' },
    notes: 'internal note',
  },
});

// As consumers get them: upcast (`@portico/events`).
const internalEvents = (
  [
    issued,
    createEvent({
      ...base,
      type: 'portico.document.voided.v1',
      data: {
        documentId: 'doc-1',
        customerId: 'cust-1',
        number: 'INV-7',
        reason: 'typo',
        voidedBy: 'user-9',
      },
    }),
    createEvent({
      ...base,
      type: 'portico.document.payment-recorded.v1',
      data: {
        documentId: 'doc-1',
        customerId: 'cust-1',
        number: 'INV-7',
        paymentId: 'pay-1',
        amount: '100.00',
        currency: 'EUR',
        date: '2026-11-24',
        paidTotal: '100.00',
        balanceDue: '138.00',
        recordedBy: 'user-9',
      },
    }),
    createEvent({
      ...base,
      type: 'portico.document.estimate-answered.v1',
      data: {
        documentId: 'doc-1',
        customerId: 'cust-1',
        number: 'EST-1',
        decision: 'ACCEPT',
        answeredBy: 'user-8',
      },
    }),
    createEvent({
      ...base,
      type: 'portico.document.retrieved.v1',
      data: {
        documentId: 'doc-1',
        customerId: 'cust-1',
        number: 'INV-7',
        how: 'DOWNLOADED',
        userId: 'user-8',
        accessId: 'access-3',
        at: '2026-11-24T10:00:00.000Z',
      },
    }),
  ] satisfies CloudEvent[]
).map(upcast);

describe('partnerEventOf', () => {
  it.each(internalEvents.map((event) => [event.type, event] as const))(
    'projects %s to a valid partner event with the same id, tenant and subject',
    (_type, event) => {
      const partner = partnerEventOf(event)!;
      expect(partner.type).toMatch(/^portico\.partner\./);
      expect(() => assertValidEvent(partner)).not.toThrow();
      expect(partner).toMatchObject({
        id: event.id,
        time: event.time,
        tenantid: 'tenant-1',
        subject: 'doc-1',
      });
    },
  );

  it('leaves out people, addresses, lines and notes', () => {
    const text = JSON.stringify(internalEvents.map(partnerEventOf));
    for (const internal of [
      'user-9',
      'user-8',
      'access-3',
      'billing@acme.example',
      'Secret project',
      'internal note',
      'DE123',
    ])
      expect(text).not.toContain(internal);
    expect(partnerEventOf(upcast(issued))!.data).toMatchObject({
      grossTotal: '238.00',
      taxTotal: '38.00',
    });
  });

  it('has no projection for events partners need not know', () => {
    const comment = createEvent({
      ...base,
      type: 'portico.document.comment-added.v1',
      data: {
        documentId: 'doc-1',
        customerId: 'cust-1',
        number: 'INV-7',
        commentId: 'c-1',
        author: { kind: 'STAFF', userId: 'u', name: 'Ann' },
      },
    } as never);
    expect(partnerEventOf(upcast(comment))).toBeNull();
  });
});
