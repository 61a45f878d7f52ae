import { randomUUID } from 'node:crypto';
import {
  type ContactPrincipal,
  type Principal,
  principalScope,
  type StaffPrincipal,
} from '@portico/auth';
import { badInput, forbidden, notFound } from '@portico/errors';
import { createEvent } from '@portico/events';
import type { EventBus } from '@portico/kafka';
import { Query } from 'mingo';
import type { ShelvedDocument } from './customer-shelves';
import type { Downloads } from './downloads';
import { totalsOf } from './document-listing';
import { formatAmount } from '@portico/money';
import { today } from './payment-state';
import type { DocumentStore } from './store';
import type { DocumentViewer } from './viewer';

/** Account statements: a customer's open items and balances per currency, shown, emailed or downloaded. */
export class Statements {
  constructor(
    private readonly store: DocumentStore,
    private readonly bus: EventBus,
    private readonly downloads: Downloads,
  ) {}

  /** Within what the caller may see; a contact's statement is always their own customer's. */
  async of(viewer: DocumentViewer, principal: Principal, requested: string | null | undefined) {
    if (principal.kind === 'CONTACT' && !viewer.may('VIEW_STATEMENTS'))
      throw forbidden('Your access does not include statements');
    const customerId = principal.kind === 'CONTACT' ? principal.customerId : requested;
    if (!customerId) throw badInput('customerId', 'Name the customer');
    // A SPECIALIST's statements are those of the customers they administer.
    const customer = viewer.mayReachCustomer(customerId)
      ? await this.store.findCustomer(principalScope(principal), customerId)
      : null;
    if (!customer) throw notFound('Customer');
    const open = {
      $and: [viewer.scope, { customerId, paymentState: { $in: ['UNPAID', 'PARTIALLY_PAID'] } }],
    };
    // One customer's documents: their shelf, in memory (see customer-shelves.ts).
    const openDocuments = new Query(open)
      .find<ShelvedDocument>(await this.store.shelves.contents(customerId))
      .sort({ dueDate: 1, _id: 1 })
      .all();
    const totals = totalsOf(openDocuments);
    return { customer, date: today(), openDocuments, totals };
  }

  /**
   * A contact's statement as a PDF: published for the notification service to
   * render (the same as the emailed one) and keep under a new id; the answer
   * is a link to it, which answers 404 until the PDF is there (about a second).
   */
  async requestPdf(viewer: DocumentViewer, contact: ContactPrincipal) {
    if (!viewer.may('DOWNLOAD_DOCUMENTS'))
      throw forbidden('Your access does not include downloads');
    const statement = await this.of(viewer, contact, null);
    const statementId = randomUUID();
    await this.bus.publish([
      createEvent({
        type: 'portico.document.statement-pdf-requested.v1',
        service: 'document',
        subject: statement.customer._id,
        tenantId: contact.tenantId,
        data: {
          statementId,
          ...this.contents(statement),
          requestedBy: contact.userId,
          accessId: contact.accessId,
        },
      }),
    ]);
    return this.downloads.linkTo(contact, `statements/${statementId}`);
  }

  /**
   * Publishes the statement for the notification service to render and email.
   * Awaited: if the broker does not take it, the caller hears so and retries.
   */
  async send(viewer: DocumentViewer, staff: StaffPrincipal, customerId: string): Promise<void> {
    const statement = await this.of(viewer, staff, customerId);
    const { customer } = statement;
    if (!customer.email)
      throw badInput('customerId', 'The customer has no email address to send the statement to');
    await this.bus.publish([
      createEvent({
        type: 'portico.document.statement-requested.v1',
        service: 'document',
        subject: customer._id,
        tenantId: staff.tenantId,
        data: {
          ...this.contents(statement),
          email: customer.email,
          requestedBy: staff.userId,
        },
      }),
    ]);
  }

  /** What a statement event carries: the customer, the date, the open items and the totals. */
  private contents(statement: Awaited<ReturnType<Statements['of']>>) {
    return {
      customerId: statement.customer._id,
      customerName: statement.customer.displayName,
      date: statement.date,
      openDocuments: statement.openDocuments.map((document) => ({
        documentId: document._id,
        type: document.type,
        number: document.number ?? '',
        issueDate: document.issueDate,
        dueDate: document.dueDate,
        currency: document.currency,
        grossTotal: formatAmount(document.grossMinor, document.exponent),
        paidTotal: formatAmount(document.paidMinor, document.exponent),
        balanceDue: formatAmount(document.balanceMinor, document.exponent),
      })),
      totals: statement.totals,
    };
  }
}
