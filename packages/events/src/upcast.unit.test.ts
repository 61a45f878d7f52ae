import { createEvent } from './envelope';
import { upcast } from './upcast';

const base = { service: 'test', subject: 'c-1', tenantId: 't-1' };

describe('upcast', () => {
  it('names no administrators on a customer event from before they were carried', () => {
    const old = createEvent({
      ...base,
      type: 'portico.customer.created.v1',
      data: { customerId: 'c-1', number: 'C-1', type: 'COMPANY', displayName: 'Acme' },
    });
    const current = upcast(old);
    expect(current.type === 'portico.customer.created.v1' && current.data.administratorIds).toEqual(
      [],
    );
    expect(current).toMatchObject({ id: old.id, tenantid: 't-1', data: { displayName: 'Acme' } });
  });

  it('keeps what a current event carries', () => {
    const event = createEvent({
      ...base,
      type: 'portico.customer.portal-settings-changed.v1',
      data: {
        enabledDocumentTypes: ['INVOICE'],
        portalAccessByDefault: true,
        defaultAccessLevelId: 't-1:standard',
        shareNewDocuments: false,
      },
    });
    expect(upcast(event).data).toEqual(event.data);
  });

  it('shares new documents when portal settings predate the choice', () => {
    const old = createEvent({
      ...base,
      type: 'portico.customer.portal-settings-changed.v1',
      data: { enabledDocumentTypes: [], portalAccessByDefault: false, defaultAccessLevelId: 'x' },
    });
    expect(upcast(old).data).toMatchObject({ shareNewDocuments: true });
  });

  it('gives an issued document from before the full PDF no lines and the customer as bill-to', () => {
    const old = createEvent({
      ...base,
      type: 'portico.document.issued.v1',
      data: {
        documentId: 'd-1',
        type: 'INVOICE',
        number: 'INV-1',
        issueDate: '2026-11-01',
        currency: 'EUR',
        grossTotal: '119.00',
        customer: { id: 'c-1', displayName: 'Acme' },
      },
    });
    expect(upcast(old).data).toMatchObject({
      lines: [],
      taxBreakdown: [],
      notes: null,
      billTo: { number: '', displayName: 'Acme', address: null, taxId: null, vatId: null },
    });
  });

  it('passes other types through untouched', () => {
    const event = createEvent({
      ...base,
      type: 'portico.customer.deleted.v1',
      data: { customerId: 'c-1', accessIds: [], deletedBy: 'u-1' },
    });
    expect(upcast(event)).toBe(event);
  });
});
