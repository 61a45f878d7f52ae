import { randomUUID } from 'node:crypto';
import { connectMongo, type Connection } from '@portico/mongo';
import { NotificationStore } from './store';

let connection: Connection;
let store: NotificationStore;

beforeAll(async () => {
  connection = await connectMongo(process.env.MONGO_URL!, `t_notify_${randomUUID().slice(0, 8)}`);
  store = new NotificationStore(connection);
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

describe('recipient records', () => {
  // Unserialized, these two upserts on FerretDB 1.24 fail with a duplicate key (both insert).
  it('keep both of two writes made at the same moment (activation and a preference)', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    await Promise.all(
      ids.flatMap((id) => [
        store.setRecipient(id, { tenantId: 't1', active: true }),
        store.setRecipient(id, { tenantId: 't1', locale: 'de' }),
      ]),
    );
    const records = await store.recipients.find({ _id: { $in: ids } }).lean();
    expect(records).toHaveLength(20);
    for (const record of records) expect(record).toMatchObject({ active: true, locale: 'de' });
  });
});
