import type { AuthContext } from '@portico/auth';
import { Query } from 'mingo';
import type { DocumentStore } from './store';
import { documentViewer } from './viewer';
import type { ViewerReads } from './viewer-reads';

// The scopes documentViewer builds, tested in memory the way DocumentStore.findDocument tests them.
const store = {
  customersAdministeredBy: async () => ['c1'],
} as unknown as DocumentStore;
const reads = {
  access: async (_tenantId: string, accessId: string) =>
    accessId === 'a1'
      ? { customerId: 'c1', revoked: false, permissions: ['VIEW_DOCUMENTS'] }
      : { customerId: 'c1', revoked: false, permissions: [] },
  enabledDocumentTypes: async () => ['INVOICE', 'ESTIMATE'],
} as unknown as ViewerReads;

const document = {
  _id: 'd1',
  tenantId: 't1',
  customerId: 'c1',
  shared: true,
  status: 'ISSUED',
  type: 'INVOICE',
  processorIds: ['u7'],
};
const signed = { tenantId: 't1', sessionId: 's1' };
const contact = (accessId: string): AuthContext => ({
  ...signed,
  kind: 'CONTACT',
  userId: 'u9',
  accessId,
  customerId: 'c1',
});
const specialist = (userId: string): AuthContext => ({
  ...signed,
  kind: 'STAFF',
  role: 'SPECIALIST',
  userId,
});

async function sees(auth: AuthContext, changes: object = {}): Promise<boolean> {
  const { scope } = await documentViewer(auth, store, reads);
  return new Query(scope).test({ ...document, ...changes });
}

describe('document scopes tested in memory', () => {
  it('keep a contact to their customer’s shared, issued documents of enabled types', async () => {
    expect(await sees(contact('a1'))).toBe(true);
    for (const other of [
      { customerId: 'c2' },
      { tenantId: 't2' },
      { shared: false },
      { status: 'DRAFT' },
      { type: 'DELIVERY_NOTE' },
    ])
      expect(await sees(contact('a1'), other)).toBe(false);
    // Without VIEW_DOCUMENTS, nothing.
    expect(await sees(contact('a2'))).toBe(false);
  });

  it('let a specialist see administered customers’ documents and those they process', async () => {
    expect(await sees(specialist('u1'))).toBe(true);
    expect(await sees(specialist('u7'), { customerId: 'c9' })).toBe(true);
    expect(await sees(specialist('u1'), { customerId: 'c9' })).toBe(false);
    expect(await sees(specialist('u7'), { tenantId: 't2' })).toBe(false);
  });

  it('show nothing to anonymous callers', async () => {
    expect(await sees({ kind: 'ANONYMOUS' })).toBe(false);
  });
});
