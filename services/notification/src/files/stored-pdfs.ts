import type { TenantScope } from '@portico/auth';
import { isDuplicateKeyError } from '@portico/mongo';
import { Readable } from 'node:stream';
import { mongo, type Connection } from 'mongoose';

interface PdfMetadata {
  tenantId: string;
  customerId: string;
}

/** A rendered PDF, whole, in one document read by `_id`. */
interface StoredPdf {
  _id: string;
  metadata: PdfMetadata;
  pdf: mongo.Binary;
  uploadDate: Date;
}

// A document's PDF is rendered on its issued event, then attached to its emails right after:
// the last few stay in memory (a stored PDF never changes), so attaching reads nothing.
const RECENT_PDFS = 32;

/**
 * Rendered PDFs, each under the id of what it shows: issued documents (`document_pdfs`:
 * rendered once, attached to emails and served for downloads) and statements a contact
 * downloads (`statement_pdfs`). Each is one document read by `_id`, not GridFS: GridFS reads
 * a file's chunks by `files_id`, which FerretDB 1.24 answers by reading every chunk of every
 * PDF. PDFs stored in GridFS before (`<name>.files`, `<name>.chunks`) are still served.
 */
export class StoredPdfs {
  private readonly whole;
  private readonly legacy;
  /** The PDFs this process stored or read last, by id, oldest first. */
  private readonly recent = new Map<string, { metadata: PdfMetadata; pdf: Buffer }>();

  constructor(connection: Connection, name: 'document_pdfs' | 'statement_pdfs') {
    this.whole = connection.db!.collection<StoredPdf>(name);
    this.legacy = new mongo.GridFSBucket(connection.db!, { bucketName: name });
  }

  /** The stored PDF, or the one `render` makes, stored first. */
  async renderOnce(
    id: string,
    metadata: PdfMetadata,
    render: () => Promise<Buffer>,
  ): Promise<Buffer> {
    // Not looked for in GridFS: at worst a PDF from before is rendered once more.
    const known = await this.read(id, metadata.tenantId);
    if (known) return known;
    const pdf = await render();
    try {
      await this.whole.insertOne({
        _id: id,
        metadata,
        pdf: new mongo.Binary(pdf),
        uploadDate: new Date(),
      });
    } catch (error) {
      // Another replica stored it meanwhile (a redelivered event): theirs is the one kept.
      if (!isDuplicateKeyError(error)) throw error;
      const stored = await this.read(id, metadata.tenantId);
      if (!stored) throw error;
      return stored;
    }
    return this.remember(id, metadata, pdf);
  }

  /** The PDF if this tenant has one under this id, else null. */
  async open(
    id: string,
    { tenantId }: TenantScope,
  ): Promise<{ stream: Readable; length: number } | null> {
    const pdf = (await this.read(id, tenantId)) ?? (await this.readLegacy(id, tenantId));
    return pdf ? { stream: Readable.from([pdf]), length: pdf.length } : null;
  }

  /** Forgets the PDFs stored before `before` (statements are fetched once, right after). */
  async prune(before: Date): Promise<void> {
    await this.whole.deleteMany({ uploadDate: { $lt: before } });
    const old = await this.legacy
      .find({ uploadDate: { $lt: before } }, { projection: { _id: 1 } })
      .toArray();
    for (const file of old) await this.legacy.delete(file._id);
    this.recent.clear();
  }

  async eraseCustomer({ tenantId }: TenantScope, customerId: string): Promise<void> {
    const owner = { 'metadata.tenantId': tenantId, 'metadata.customerId': customerId };
    await this.whole.deleteMany(owner);
    const files = await this.legacy.find(owner).toArray();
    for (const file of files) await this.legacy.delete(file._id);
    for (const [id, { metadata }] of this.recent)
      if (metadata.tenantId === tenantId && metadata.customerId === customerId)
        this.recent.delete(id);
  }

  /**
   * The PDF under this id if it is this tenant's: from memory, else by `{ _id }` alone with
   * the tenant compared here (FerretDB 1.24 pushes down no other filter).
   */
  private async read(id: string, tenantId: string): Promise<Buffer | null> {
    const kept = this.recent.get(id);
    if (kept) return kept.metadata.tenantId === tenantId ? kept.pdf : null;
    const stored = await this.whole.findOne({ _id: id });
    if (!stored || stored.metadata.tenantId !== tenantId) return null;
    return this.remember(id, stored.metadata, Buffer.from(stored.pdf.buffer));
  }

  /** A PDF stored in GridFS before PDFs were kept whole, if it is this tenant's. */
  private async readLegacy(id: string, tenantId: string): Promise<Buffer | null> {
    const [file] = await this.legacy.find({ _id: id as never }).toArray();
    const metadata = file?.metadata as PdfMetadata | undefined;
    if (!file || metadata?.tenantId !== tenantId) return null;
    return this.remember(id, metadata, await readAll(this.legacy.openDownloadStream(file._id)));
  }

  private remember(id: string, metadata: PdfMetadata, pdf: Buffer): Buffer {
    this.recent.delete(id);
    this.recent.set(id, { metadata, pdf });
    if (this.recent.size > RECENT_PDFS) this.recent.delete(this.recent.keys().next().value!);
    return pdf;
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
