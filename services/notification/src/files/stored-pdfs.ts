import type { TenantScope } from '@portico/auth';
import type { Readable } from 'node:stream';
import { mongo, type Connection } from 'mongoose';

interface PdfMetadata {
  tenantId: string;
  customerId: string;
}

// A document's PDF is rendered on its issued event, then attached to its emails right after:
// the last few stay in memory (a stored PDF never changes), so attaching reads nothing.
const RECENT_PDFS = 32;

/**
 * Rendered PDFs in a GridFS bucket, each under the id of what it shows:
 * issued documents (`document_pdfs`: rendered once, attached to emails and
 * served for downloads) and statements a contact downloads (`statement_pdfs`).
 */
export class StoredPdfs {
  private readonly bucket;
  /** The PDFs this process stored or read last, by id, oldest first. */
  private readonly recent = new Map<string, { metadata: PdfMetadata; pdf: Buffer }>();

  constructor(connection: Connection, bucketName: 'document_pdfs' | 'statement_pdfs') {
    this.bucket = new mongo.GridFSBucket(connection.db!, { bucketName });
  }

  /** The stored PDF, or the one `render` makes, stored first. */
  async renderOnce(
    id: string,
    metadata: PdfMetadata,
    render: () => Promise<Buffer>,
  ): Promise<Buffer> {
    const kept = this.recent.get(id);
    if (kept?.metadata.tenantId === metadata.tenantId) return kept.pdf;
    if (await this.exists(id, metadata.tenantId))
      return this.remember(
        id,
        metadata,
        await readAll(this.bucket.openDownloadStream(id as never)),
      );
    const pdf = await render();
    await new Promise<void>((resolve, reject) => {
      this.bucket
        .openUploadStreamWithId(id as never, `${id}.pdf`, {
          metadata: { ...metadata, contentType: 'application/pdf' },
        })
        .on('finish', () => resolve())
        .on('error', reject)
        .end(pdf);
    });
    return this.remember(id, metadata, pdf);
  }

  /** A stream of the PDF if this tenant has one under this id, else null. */
  async open(
    id: string,
    { tenantId }: TenantScope,
  ): Promise<{ stream: Readable; length: number } | null> {
    const file = await this.fileOf(id, tenantId);
    if (!file) return null;
    return { stream: this.bucket.openDownloadStream(file._id), length: file.length };
  }

  /** Forgets the PDFs stored before `before` (statements are fetched once, right after). */
  async prune(before: Date): Promise<void> {
    const old = await this.bucket
      .find({ uploadDate: { $lt: before } }, { projection: { _id: 1 } })
      .toArray();
    for (const file of old) await this.bucket.delete(file._id);
    this.recent.clear();
  }

  async eraseCustomer({ tenantId }: TenantScope, customerId: string): Promise<void> {
    const files = await this.bucket
      .find({ 'metadata.tenantId': tenantId, 'metadata.customerId': customerId })
      .toArray();
    for (const file of files) await this.bucket.delete(file._id);
    for (const [id, { metadata }] of this.recent)
      if (metadata.tenantId === tenantId && metadata.customerId === customerId)
        this.recent.delete(id);
  }

  private remember(id: string, metadata: PdfMetadata, pdf: Buffer): Buffer {
    this.recent.delete(id);
    this.recent.set(id, { metadata, pdf });
    if (this.recent.size > RECENT_PDFS) this.recent.delete(this.recent.keys().next().value!);
    return pdf;
  }

  private async exists(id: string, tenantId: string): Promise<boolean> {
    return (await this.fileOf(id, tenantId)) !== null;
  }

  /**
   * The stored file under this id if it is this tenant's. Found by `{ _id }`
   * alone and the tenant compared here: FerretDB 1.24 pushes down no other
   * filter, and with the tenant beside the id it read every file.
   */
  private async fileOf(id: string, tenantId: string) {
    const [file] = await this.bucket.find({ _id: id as never }).toArray();
    return file && (file.metadata as PdfMetadata | undefined)?.tenantId === tenantId ? file : null;
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
