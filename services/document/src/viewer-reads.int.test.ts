import { storedScope } from '@portico/auth';
import { randomUUID } from 'node:crypto';
import type { CloudEvent, Permission } from '@portico/events';
import { connectMongo, type Connection } from '@portico/mongo';
import { DocumentStore } from './store';
import { ViewerReads } from './viewer-reads';

let connection: Connection;
let store: DocumentStore;

beforeAll(async () => {
  connection = await connectMongo(process.env.MONGO_URL!, `t_viewer_${randomUUID().slice(0, 8)}`);
  store = new DocumentStore(connection);
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

const T1 = storedScope({ tenantId: 't1' });
const accessEvent = (
  type: 'portico.access.updated.v1' | 'portico.access.revoked.v1',
  tenantId: string,
  data: { accessId: string; customerId: string; permissions?: Permission[] },
) => ({ type, tenantid: tenantId, data }) as unknown as CloudEvent;

async function replicatedAccess(tenantId: string, permissions: Permission[]) {
  const access = { _id: randomUUID(), tenantId, customerId: randomUUID(), permissions };
  await store.accesses.create(access);
  return access;
}

describe('the reads of a contact’s request, from memory', () => {
  it('reads an access once, then follows its events without the database', async () => {
    const reads = new ViewerReads(store);
    const access = await replicatedAccess('t1', ['VIEW_DOCUMENTS', 'COMMENT']);
    expect(await reads.access(T1, access._id)).toMatchObject({
      customerId: access.customerId,
      permissions: ['VIEW_DOCUMENTS', 'COMMENT'],
      revoked: false,
    });
    // The replica changes underneath (its consumer is another replica's): memory still answers...
    await store.accesses.updateOne({ _id: access._id }, { $set: { permissions: [] } });
    expect((await reads.access(T1, access._id))!.permissions).toEqual([
      'VIEW_DOCUMENTS',
      'COMMENT',
    ]);
    // ...until the revocation feed hands this process the change, which holds at once.
    reads.followAccess(
      accessEvent('portico.access.updated.v1', 't1', {
        accessId: access._id,
        customerId: access.customerId,
        permissions: ['VIEW_PAYMENTS'],
      }),
    );
    expect((await reads.access(T1, access._id))!.permissions).toEqual(['VIEW_PAYMENTS']);
    reads.followAccess(
      accessEvent('portico.access.revoked.v1', 't1', {
        accessId: access._id,
        customerId: access.customerId,
      }),
    );
    expect(await reads.access(T1, access._id)).toMatchObject({
      revoked: true,
      permissions: ['VIEW_PAYMENTS'],
    });
  });

  it('knows an access granted after its first read found none', async () => {
    const reads = new ViewerReads(store);
    const accessId = randomUUID();
    expect(await reads.access(T1, accessId)).toBeNull();
    reads.followAccess(
      accessEvent('portico.access.updated.v1', 't1', {
        accessId,
        customerId: 'c1',
        permissions: ['VIEW_DOCUMENTS'],
      }),
    );
    expect(await reads.access(T1, accessId)).toMatchObject({ customerId: 'c1', revoked: false });
  });

  it('answers another tenant nothing, and that question does not hide the access from its own', async () => {
    const reads = new ViewerReads(store);
    const access = await replicatedAccess('t1', ['VIEW_DOCUMENTS']);
    expect(await reads.access(storedScope({ tenantId: 't2' }), access._id)).toBeNull();
    expect(await reads.access(T1, access._id)).toMatchObject({ customerId: access.customerId });
    reads.followAccess(
      accessEvent('portico.access.updated.v1', 't1', {
        accessId: access._id,
        customerId: access.customerId,
        permissions: [],
      }),
    );
    expect(await reads.access(storedScope({ tenantId: 't2' }), access._id)).toBeNull();
  });

  it('reads a customer and the portal’s types again once this process’s consumer says they changed', async () => {
    const reads = new ViewerReads(store);
    const customerId = randomUUID();
    const tenantId = randomUUID();
    await store.customers.create({ _id: customerId, tenantId, number: 'K-1', displayName: 'Old' });
    expect(await reads.customer(customerId)).toMatchObject({ displayName: 'Old' });
    expect(await reads.enabledDocumentTypes(storedScope({ tenantId }))).toContain('ESTIMATE');

    await store.customers.updateOne({ _id: customerId }, { $set: { displayName: 'New' } });
    await store.settings.create({ _id: tenantId, enabledDocumentTypes: ['INVOICE'] });
    expect(await reads.customer(customerId)).toMatchObject({ displayName: 'Old' });
    expect(await reads.enabledDocumentTypes(storedScope({ tenantId }))).toContain('ESTIMATE');

    reads.forgetCustomer(customerId);
    reads.forgetSettings(tenantId);
    expect(await reads.customer(customerId)).toMatchObject({ displayName: 'New' });
    expect(await reads.enabledDocumentTypes(storedScope({ tenantId }))).toEqual(['INVOICE']);
  });
});
