import { eventScope } from '@portico/auth';
import type { CurrentEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import type { CustomerEmailHold } from '../sending/customer-email-hold';
import type { DocumentEmails } from './document-issued-emails';
import type { StatementDownloads } from './statement-downloads';
import type { StatementEmails } from './statement-emails';

/** Sends what a document event asks for: the issued document's emails, or a statement. */
export function documentEmailSender(documents: DocumentEmails, statements: StatementEmails) {
  return async (event: CurrentEvent): Promise<void> => {
    if (event.type === 'portico.document.issued.v1')
      await documents.issued(eventScope(event), event.id, event.data);
    else if (event.type === 'portico.document.statement-requested.v1')
      await statements.send(eventScope(event), event.id, event.data);
  };
}

/**
 * document.events.v1 -> emails: "document issued" -> DocumentEmails.issued,
 * "statement requested" -> StatementEmails.send, both customer emails that wait
 * while the tenant may not send (the issued document's PDF is made at once, for
 * downloads, and so is a statement a contact downloads). One consumer group for both: each group reads (and decodes) every
 * event of the topic, and a second one for the rare statements cost every
 * issued document that much more.
 */
export function documentEmailsConsumer(
  documents: DocumentEmails,
  statements: StatementEmails,
  downloads: StatementDownloads,
  hold: CustomerEmailHold,
): ConsumerDefinition {
  const send = documentEmailSender(documents, statements);
  return {
    // The group's first name, so a deployed group keeps its offsets.
    name: 'document-issued',
    topics: ['document.events.v1'],
    // Each event writes only its own PDF and delivery records: events may go side by side,
    // one per partition of the topic (six).
    concurrency: 6,
    async handle(event: CurrentEvent) {
      if (event.type === 'portico.document.statement-pdf-requested.v1')
        await downloads.render(eventScope(event), event.data);
      if (event.type === 'portico.document.issued.v1')
        await documents.keepPdf(eventScope(event), event.data);
      if (
        event.type === 'portico.document.issued.v1' ||
        event.type === 'portico.document.statement-requested.v1'
      )
        await hold.handleOrHold(event, send);
    },
  };
}
