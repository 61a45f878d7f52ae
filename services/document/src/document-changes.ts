import { randomUUID } from 'node:crypto';
import {
  type ContactPrincipal,
  type Principal,
  principalScope,
  type StaffPrincipal,
  storedScope,
  type TenantScope,
} from '@portico/auth';
import { AppError, badInput, conflict, forbidden, notFound } from '@portico/errors';
import { createEvent, type DocumentType, type EventData, type EventType } from '@portico/events';
import type { UpdateQuery } from 'mongoose';
import { requireDate, requireText, optionalText } from '@portico/validation';
import { documentContentFrom, type DocumentInput } from './document-input';
import type { DocumentCommentRecord } from './model/document-comment';
import type { DocumentRecord } from './model/document';
import { paymentPosition, today } from './payment-state';
import { formatAmount, positiveAmountToMinor, taxBreakdown } from '@portico/money';
import {
  checkNumberPattern,
  DEFAULT_NUMBER_PATTERNS,
  formatNumber,
  type DocumentNumbers,
} from './numbering';
import type { DocumentStore } from './store';
import type { DocumentViewer } from './viewer';

/**
 * Every change to documents: drafts, issuing with its number, voiding,
 * payments, sharing, processors, comments and estimate answers. Each is one
 * write of the document (or comment) with its event; the caller has already
 * checked who they are, this module checks what they may do to which document.
 */
export class DocumentChanges {
  constructor(
    private readonly store: DocumentStore,
    private readonly numbers: DocumentNumbers,
    private readonly publishPending: () => Promise<void>,
  ) {}

  async create(
    viewer: DocumentViewer,
    staff: StaffPrincipal,
    input: DocumentInput,
  ): Promise<DocumentRecord> {
    const customer = await this.reachableCustomer(viewer, principalScope(staff), input.customerId);
    const content = documentContentFrom(input);
    const settings = await this.store.tenantSettings(principalScope(staff));
    return this.store.insertDocument(principalScope(staff), {
      _id: randomUUID(),
      customerId: customer._id,
      status: 'DRAFT',
      ...content,
      shared: settings.shareNewDocuments,
      createdBy: staff.userId,
    });
  }

  async update(viewer: DocumentViewer, id: string, input: DocumentInput): Promise<DocumentRecord> {
    const draft = await this.store.requireDocument(viewer.scope, id);
    if (draft.status !== 'DRAFT') throw conflict('id', 'Only a draft can be changed');
    const content = documentContentFrom(input);
    const customer = await this.reachableCustomer(viewer, storedScope(draft), input.customerId);
    return this.write(
      draft,
      { status: 'DRAFT' },
      { $set: { ...content, customerId: customer._id } },
    );
  }

  /**
   * A customer the viewer may put a draft on: NOT_FOUND on input.customerId for one that does not
   * exist and, alike, for one they may not reach (never a hint that it exists).
   */
  private async reachableCustomer(viewer: DocumentViewer, tenant: TenantScope, customerId: string) {
    const customer = viewer.mayReachCustomer(customerId)
      ? await this.store.findCustomer(tenant, customerId)
      : null;
    if (!customer) throw new AppError('NOT_FOUND', 'No such customer', 'input.customerId');
    return customer;
  }

  /** Numbers the draft (gap-free, see numbering.ts), freezes the bill-to data, publishes document issued. */
  async issue(viewer: DocumentViewer, id: string): Promise<DocumentRecord> {
    const draft = await this.store.requireDocument(viewer.scope, id);
    if (draft.status !== 'DRAFT') throw conflict('id', 'Only a draft can be issued');
    const customer = await this.store.findCustomer(storedScope(draft), draft.customerId);
    if (!customer) throw notFound('Customer');
    const issueDate = draft.issueDate ?? today();
    const year = issueDate.slice(0, 4);
    const settings = await this.store.tenantSettings(storedScope(draft));
    const pattern = settings.numberPatterns[draft.type] ?? DEFAULT_NUMBER_PATTERNS[draft.type];
    const sequence = await this.numbers.sequenceFor(
      storedScope(draft),
      draft._id,
      draft.type,
      year,
    );
    const number = formatNumber(pattern, year, sequence);
    const billTo = {
      customerId: customer._id,
      number: customer.number,
      displayName: customer.displayName,
      email: customer.email,
      address: customer.address,
      taxId: customer.taxId,
      vatId: customer.vatId,
    };
    const position = paymentPosition(draft, 0);
    const money = (minor: number) => formatAmount(minor, draft.exponent);
    const event = this.event(draft, 'portico.document.issued.v1', {
      documentId: draft._id,
      type: draft.type,
      number,
      issueDate,
      dueDate: draft.dueDate,
      currency: draft.currency,
      netTotal: money(draft.netMinor),
      taxTotal: money(draft.taxMinor),
      grossTotal: money(draft.grossMinor),
      lines: draft.lines.map((line) => ({
        description: line.description,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        taxRate: line.taxRate,
        netAmount: money(line.netMinor),
        taxAmount: money(line.taxMinor),
        grossAmount: money(line.grossMinor),
      })),
      taxBreakdown: taxBreakdown(draft.lines, draft.exponent),
      billTo: {
        number: customer.number,
        displayName: customer.displayName,
        address: customer.address && {
          street: customer.address.street ?? null,
          postalCode: customer.address.postalCode ?? null,
          city: customer.address.city ?? null,
          country: customer.address.country ?? null,
        },
        taxId: customer.taxId,
        vatId: customer.vatId,
      },
      notes: draft.notes,
      customer: { id: customer._id, displayName: customer.displayName, email: customer.email },
      // Told only of what they will see: shared, and of a type the portal shows.
      shared: draft.shared && settings.enabledDocumentTypes.includes(draft.type),
    });
    return this.write(
      draft,
      { status: 'DRAFT' },
      {
        $set: { ...position, number, issueDate, billTo, issuedAt: new Date() },
        $push: { outbox: event },
      },
    );
  }

  async void(viewer: DocumentViewer, staff: StaffPrincipal, id: string, reason: string) {
    const document = await this.store.requireDocument(viewer.scope, id);
    const why = requireText('reason', reason, 500);
    if (document.status === 'DRAFT')
      throw conflict('id', 'A draft is not issued; change it instead');
    if (document.status === 'VOID') throw conflict('id', 'The document is void already');
    if (document.paidMinor !== 0)
      throw conflict('id', 'Payments were recorded; issue a credit note instead');
    const event = this.event(document, 'portico.document.voided.v1', {
      ...this.eventBase(document),
      reason: why,
      voidedBy: staff.userId,
    });
    return this.write(
      document,
      { status: document.status },
      {
        $set: { status: 'VOID', voidReason: why, paymentState: null, balanceMinor: 0 },
        $push: { outbox: event },
      },
    );
  }

  async recordPayment(
    viewer: DocumentViewer,
    staff: StaffPrincipal,
    id: string,
    input: { amount: string; date: string; method?: string | null; reference?: string | null },
  ): Promise<DocumentRecord> {
    const document = await this.store.requireDocument(viewer.scope, id);
    if (!document.paymentState || document.status === 'VOID' || document.status === 'DRAFT')
      throw conflict(
        'documentId',
        'Only issued invoices, debit notes, reminders and credit notes take payments',
      );
    const amountMinor = positiveAmountToMinor('input.amount', input.amount, document.exponent);
    const sign = document.grossMinor < 0 ? -1 : 1;
    const paidMinor = document.paidMinor + sign * amountMinor;
    if (Math.abs(paidMinor) > Math.abs(document.grossMinor))
      throw badInput(
        'input.amount',
        `More than the balance due of ${formatAmount(document.balanceMinor, document.exponent)}`,
      );
    const payment = {
      _id: randomUUID(),
      amountMinor,
      date: requireDate('input.date', input.date),
      method: optionalText('input.method', input.method, 50),
      reference: optionalText('input.reference', input.reference, 140),
      recordedBy: staff.userId,
      recordedAt: new Date(),
    };
    const position = paymentPosition(document, paidMinor);
    const event = this.event(document, 'portico.document.payment-recorded.v1', {
      ...this.eventBase(document),
      paymentId: payment._id,
      amount: formatAmount(amountMinor, document.exponent),
      currency: document.currency,
      date: payment.date,
      paidTotal: formatAmount(paidMinor, document.exponent),
      balanceDue: formatAmount(position.balanceMinor, document.exponent),
      recordedBy: staff.userId,
    });
    // Conditional on the paid total read: a concurrent payment makes this one retry by the caller.
    return this.write(
      document,
      { paidMinor: document.paidMinor },
      { $set: { ...position, paidMinor }, $push: { payments: payment, outbox: event } },
    );
  }

  async setShared(viewer: DocumentViewer, id: string, shared: boolean): Promise<DocumentRecord> {
    const document = await this.store.requireDocument(viewer.scope, id);
    return this.write(document, {}, { $set: { shared } });
  }

  async setProcessors(
    viewer: DocumentViewer,
    id: string,
    userIds: string[],
  ): Promise<DocumentRecord> {
    const document = await this.store.requireDocument(viewer.scope, id);
    const unique = [...new Set(userIds)];
    const known = await this.store.knownStaffIds(storedScope(document), unique);
    if (known.length !== unique.length) throw badInput('userIds', 'Not a staff user of yours');
    return this.write(document, {}, { $set: { processorIds: unique } });
  }

  /** Staff on any document they see; a contact with COMMENT on their customer's. */
  async addComment(
    viewer: DocumentViewer,
    author: Principal,
    documentId: string,
    body: string,
  ): Promise<DocumentCommentRecord> {
    if (viewer.kind === 'CONTACT' && !viewer.may('COMMENT'))
      throw forbidden('Your access does not include comments');
    const document = await this.store.requireDocument(viewer.scope, documentId, 'documentId');
    const _id = randomUUID();
    const event = this.event(document, 'portico.document.comment-added.v1', {
      ...this.eventBase(document),
      commentId: _id,
      author: { kind: author.kind, userId: author.userId },
    });
    const comment = await this.store.addComment(storedScope(document), {
      _id,
      documentId: document._id,
      customerId: document.customerId,
      authorId: author.userId,
      authorKind: author.kind,
      body: requireText('body', body, 2000),
      outbox: [event],
    });
    void this.publishPending();
    return comment;
  }

  /** A contact with RESPOND_TO_ESTIMATES accepts or declines an issued estimate, once. */
  async respondToEstimate(
    viewer: DocumentViewer,
    contact: ContactPrincipal,
    id: string,
    decision: 'ACCEPT' | 'DECLINE',
    comment: string | null | undefined,
  ): Promise<DocumentRecord> {
    if (!viewer.may('RESPOND_TO_ESTIMATES'))
      throw forbidden('Your access does not include answering estimates');
    const estimate = await this.store.requireDocument(viewer.scope, id);
    if (estimate.type !== 'ESTIMATE')
      throw badInput('id', 'Only estimates are accepted or declined');
    if (estimate.status !== 'ISSUED')
      throw conflict('id', `The estimate is ${estimate.status} already`);
    const note = optionalText('comment', comment, 2000);
    const event = this.event(estimate, 'portico.document.estimate-answered.v1', {
      ...this.eventBase(estimate),
      decision,
      answeredBy: contact.userId,
      comment: note,
    });
    const answered = await this.write(
      estimate,
      { status: 'ISSUED' },
      {
        $set: { status: decision === 'ACCEPT' ? 'ACCEPTED' : 'DECLINED' },
        $push: { outbox: event },
      },
    );
    if (note) await this.addComment(viewer, contact, id, note);
    return answered;
  }

  async setNumberPattern(staff: StaffPrincipal, type: DocumentType, pattern: string) {
    const checked = checkNumberPattern('pattern', pattern);
    await this.store.setNumberPattern(principalScope(staff), type, checked);
    return { type, pattern: checked };
  }

  /**
   * One conditional write of the document with what it carries ($push of
   * events included) and its shelf copy, under its document lock; CONFLICT when `expected` no
   * longer holds (someone changed it meanwhile).
   */
  private async write(
    document: DocumentRecord,
    expected: Partial<DocumentRecord>,
    update: UpdateQuery<DocumentRecord>,
  ): Promise<DocumentRecord> {
    const updated = await this.store.updateDocument(
      { _id: document._id, tenantId: document.tenantId, ...expected },
      update,
      document.customerId,
    );
    if (!updated) throw conflict('id', 'The document changed meanwhile; reload and try again');
    void this.publishPending();
    return updated;
  }

  private eventBase(document: DocumentRecord) {
    return { documentId: document._id, customerId: document.customerId, number: document.number };
  }

  private event<T extends EventType>(document: DocumentRecord, type: T, data: EventData<T>) {
    return createEvent({
      type,
      service: 'document',
      subject: document._id,
      tenantId: document.tenantId,
      data,
    });
  }
}
