import type { Principal } from '@portico/auth';
import { AppError, forbidden } from '@portico/errors';
import { createEvent, type CloudEvent } from '@portico/events';
import { signFileLink } from '@portico/file-links';
import type { EventBus } from '@portico/kafka';
import type { Logger } from '@portico/logger';
import type { DocumentRecord } from './model/document';
import type { DocumentStore } from './store';
import type { DocumentViewer } from './viewer';

const LINK_TTL_MS = 5 * 60_000;

/**
 * Download links to a document's PDF (served by the notification service,
 * which renders and keeps the PDFs) and the record of what contacts looked at.
 */
export class Downloads {
  constructor(
    private readonly store: DocumentStore,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly link: { secret: string; publicUrl: string },
    private readonly publishPending: () => Promise<void>,
  ) {}

  /** A link bound to this document and caller; a contact's request is recorded as a retrieval. */
  async request(viewer: DocumentViewer, principal: Principal, id: string, ip: string | null) {
    if (viewer.kind === 'CONTACT' && !viewer.may('DOWNLOAD_DOCUMENTS'))
      throw forbidden('Your access does not include downloads');
    const document = await this.store.requireDocument(viewer.scope, id);
    if (document.status === 'DRAFT')
      throw new AppError('CONFLICT', 'A draft has no PDF yet; issue it first', 'id');
    if (principal.kind === 'CONTACT') await this.recordDownload(document, principal, ip);
    return this.linkTo(principal, `documents/${document._id}`);
  }

  /**
   * A signed link to a file the notification service serves (`documents/<id>`,
   * `statements/<id>`): bound to the path, the caller's session and (a
   * contact's) access, valid for five minutes.
   */
  linkTo(principal: Principal, path: string) {
    const expiresAt = new Date(Date.now() + LINK_TTL_MS);
    const url = signFileLink(this.link.secret, this.link.publicUrl, {
      tenantId: principal.tenantId,
      path,
      userId: principal.userId,
      sessionId: principal.sessionId,
      accessId: principal.kind === 'CONTACT' ? principal.accessId : null,
      expiresAt,
    });
    return { url, expiresAt: expiresAt.toISOString() };
  }

  /** A contact opened a document: audited, nothing stored here (so no outbox; a lost view is tolerable). */
  viewed(document: DocumentRecord, principal: Principal, ip: string | null): void {
    if (principal.kind !== 'CONTACT') return;
    this.bus
      .publish([this.retrieved(document, principal, 'VIEWED', new Date(), ip)])
      .catch((error: unknown) => this.logger.warn({ err: error }, 'document view not audited'));
  }

  private async recordDownload(
    document: DocumentRecord,
    contact: Principal,
    ip: string | null,
  ): Promise<void> {
    const at = new Date();
    const event = this.retrieved(document, contact, 'DOWNLOADED', at, ip);
    await this.store.updateDocument(
      { _id: document._id, tenantId: document.tenantId },
      {
        $set: { lastRetrievedAt: at, firstRetrievedAt: document.firstRetrievedAt ?? at },
        $inc: { retrievalCount: 1 },
        $push: { outbox: event },
      },
    );
    void this.publishPending();
  }

  private retrieved(
    document: DocumentRecord,
    principal: Principal,
    how: 'VIEWED' | 'DOWNLOADED',
    at: Date,
    ip: string | null,
  ): CloudEvent {
    return createEvent({
      type: 'portico.document.retrieved.v1',
      service: 'document',
      subject: document._id,
      tenantId: document.tenantId,
      data: {
        documentId: document._id,
        customerId: document.customerId,
        number: document.number,
        how,
        userId: principal.userId,
        accessId: principal.kind === 'CONTACT' ? principal.accessId : null,
        at: at.toISOString(),
        ip,
      },
    });
  }
}
