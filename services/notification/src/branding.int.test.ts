import { randomUUID } from 'node:crypto';
import { storedScope } from '@portico/auth';
import { connectMongo, type Connection } from '@portico/mongo';
import { Brandings } from './branding';
import { brandingModel } from './model/branding';

const KEPT_MS = 300;
let connection: Connection;

beforeAll(async () => {
  connection = await connectMongo(process.env.MONGO_URL!, `t_brand_${randomUUID().slice(0, 8)}`);
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('brandings read for every email', () => {
  it('are kept a while, a change through this process showing at once', async () => {
    const tenant = storedScope({ tenantId: randomUUID() });
    // Two replicas of the notification service.
    const [here, there] = [
      new Brandings(brandingModel(connection), KEPT_MS),
      new Brandings(brandingModel(connection), KEPT_MS),
    ];
    await here.registered(tenant, 'Acme');
    expect((await here.of(tenant)).name).toBe('Acme');
    await here.update(tenant, { colour: '#123456' });
    expect(await here.of(tenant)).toMatchObject({ name: 'Acme', colour: '#123456' });

    // Another replica's change: this one answers from memory until its copy is KEPT_MS old.
    await there.update(tenant, { name: 'Acme GmbH' });
    expect((await here.of(tenant)).name).toBe('Acme');
    await sleep(KEPT_MS + 50);
    expect(await here.of(tenant)).toMatchObject({ name: 'Acme GmbH', colour: '#123456' });
  });

  it('never write back a kept copy over another replica’s change', async () => {
    const tenant = storedScope({ tenantId: randomUUID() });
    const [here, there] = [
      new Brandings(brandingModel(connection), 60_000),
      new Brandings(brandingModel(connection), 60_000),
    ];
    await here.registered(tenant, 'Acme');
    await here.of(tenant); // kept for a minute
    await there.update(tenant, { footer: 'Registered in Berlin' });
    await here.update(tenant, { colour: '#654321' });
    expect(await there.publicOf(tenant.tenantId)).toMatchObject({
      name: 'Acme',
      colour: '#654321',
      footer: 'Registered in Berlin',
    });
  });
});
