import type { Readable } from 'node:stream';
import { mongo, type Connection } from 'mongoose';

interface PdfMetadata {
  tenantId: string;
  customerId: string;
}

/**
 * The rendered PDF of each issued document, in GridFS (`document_pdfs`),
 * under the document's id: rendered once, attached to emails and served for
 * downloads.
 */
export class DocumentPdfs {
  private readonly bucket;

  constructor(connection: Connection) {
    this.bucket = new mongo.GridFSBucket(connection.db!, { bucketName: 'document_pdfs' });
  }

  /** The stored PDF, or the one `render` makes, stored first. */
  async renderOnce(
    documentId: string,
    metadata: PdfMetadata,
    render: () => Promise<Buffer>,
  ): Promise<Buffer> {
    if (await this.exists(documentId, metadata.tenantId))
      return readAll(this.bucket.openDownloadStream(documentId as never));
    const pdf = await render();
    await new Promise<void>((resolve, reject) => {
      this.bucket
        .openUploadStreamWithId(documentId as never, `${documentId}.pdf`, {
          metadata: { ...metadata, contentType: 'application/pdf' },
        })
        .on('finish', () => resolve())
        .on('error', reject)
        .end(pdf);
    });
    return pdf;
  }

  /** A stream of the document's PDF if this tenant has one, else null. */
  async open(
    documentId: string,
    tenantId: string,
  ): Promise<{ stream: Readable; length: number } | null> {
    const file = await this.fileOf(documentId, tenantId);
    if (!file) return null;
    return { stream: this.bucket.openDownloadStream(file._id), length: file.length };
  }

  async eraseCustomer(tenantId: string, customerId: string): Promise<void> {
    const files = await this.bucket
      .find({ 'metadata.tenantId': tenantId, 'metadata.customerId': customerId })
      .toArray();
    for (const file of files) await this.bucket.delete(file._id);
  }

  private async exists(documentId: string, tenantId: string): Promise<boolean> {
    return (await this.fileOf(documentId, tenantId)) !== null;
  }

  /**
   * The stored file of a document if it is this tenant's. Found by `{ _id }`
   * alone and the tenant compared here: FerretDB 1.24 pushes down no other
   * filter, and with the tenant beside the id it read every file.
   */
  private async fileOf(documentId: string, tenantId: string) {
    const [file] = await this.bucket.find({ _id: documentId as never }).toArray();
    return file && (file.metadata as PdfMetadata | undefined)?.tenantId === tenantId ? file : null;
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
