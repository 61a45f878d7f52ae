import { randomUUID } from 'node:crypto';
import { storedScope } from '@portico/auth';
import { connectMongo, type Connection } from '@portico/mongo';
import { mongo } from 'mongoose';
import type { Readable } from 'node:stream';
import { StoredPdfs } from './stored-pdfs';

let connection: Connection;

beforeAll(async () => {
  connection = await connectMongo(process.env.MONGO_URL!, `t_pdfs_${randomUUID().slice(0, 8)}`);
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A renderer that counts its calls and makes a distinct PDF each time. */
function countingRenderer() {
  const counter = { calls: 0, render: async () => Buffer.from(`%PDF-1.7 #${++counter.calls}`) };
  return counter;
}

describe('stored PDFs', () => {
  it('are rendered once, then answered from memory or the database alike', async () => {
    const metadata = { tenantId: randomUUID(), customerId: randomUUID() };
    const id = randomUUID();
    const renderer = countingRenderer();
    const here = new StoredPdfs(connection, 'document_pdfs');
    const first = await here.renderOnce(id, metadata, renderer.render);
    expect(await here.renderOnce(id, metadata, renderer.render)).toEqual(first);
    // Another replica finds it stored.
    const there = new StoredPdfs(connection, 'document_pdfs');
    expect(await there.renderOnce(id, metadata, renderer.render)).toEqual(first);
    expect(renderer.calls).toBe(1);
  });

  it('are not answered from memory for another tenant', async () => {
    const id = randomUUID();
    const pdfs = new StoredPdfs(connection, 'document_pdfs');
    await pdfs.renderOnce(id, { tenantId: 't1', customerId: 'c1' }, countingRenderer().render);
    expect(await pdfs.open(id, storedScope({ tenantId: 't2' }))).toBeNull();
    const other = countingRenderer();
    await expect(
      pdfs.renderOnce(id, { tenantId: 't2', customerId: 'c9' }, other.render),
    ).rejects.toThrow(); // the id is taken in the bucket; t1's PDF is not handed out
    expect(other.calls).toBe(1);
  });

  it('are forgotten from memory with their customer', async () => {
    const metadata = { tenantId: randomUUID(), customerId: randomUUID() };
    const id = randomUUID();
    const pdfs = new StoredPdfs(connection, 'document_pdfs');
    const renderer = countingRenderer();
    await pdfs.renderOnce(id, metadata, renderer.render);
    await pdfs.eraseCustomer(storedScope(metadata), metadata.customerId);
    expect(await pdfs.open(id, storedScope(metadata))).toBeNull();
    await pdfs.renderOnce(id, metadata, renderer.render);
    expect(renderer.calls).toBe(2);
  });

  it('are served whole to their tenant, with their length', async () => {
    const metadata = { tenantId: randomUUID(), customerId: randomUUID() };
    const id = randomUUID();
    const pdf = await new StoredPdfs(connection, 'document_pdfs').renderOnce(
      id,
      metadata,
      countingRenderer().render,
    );
    // Another replica, nothing in memory: read from the database.
    const opened = await new StoredPdfs(connection, 'document_pdfs').open(
      id,
      storedScope(metadata),
    );
    expect(opened?.length).toBe(pdf.length);
    expect(await bytesOf(opened!.stream)).toEqual(pdf);
  });

  it('stored in GridFS before are still served, to their tenant only', async () => {
    const id = randomUUID();
    const metadata = { tenantId: randomUUID(), customerId: randomUUID() };
    const bucket = new mongo.GridFSBucket(connection.db!, { bucketName: 'document_pdfs' });
    const before = Buffer.from('%PDF-1.7 stored in GridFS');
    await new Promise<void>((resolve, reject) =>
      bucket
        .openUploadStreamWithId(id as never, `${id}.pdf`, { metadata })
        .on('finish', () => resolve())
        .on('error', reject)
        .end(before),
    );
    const pdfs = new StoredPdfs(connection, 'document_pdfs');
    expect(await pdfs.open(id, storedScope({ tenantId: 'someone-else' }))).toBeNull();
    const opened = await pdfs.open(id, storedScope(metadata));
    expect(await bytesOf(opened!.stream)).toEqual(before);
  });
});
