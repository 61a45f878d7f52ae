import type { TenantScope } from '@portico/auth';
import { randomUUID } from 'node:crypto';
import { currentDocumentIssued } from '@portico/events';
import { AppError, badInput } from '@portico/errors';
import type { DocumentEmails } from './events/document-issued-emails';
import type { StatementEmails } from './events/statement-emails';
import { deliveryId } from './mail/tracked-delivery';
import type { EmailMessageRecord } from './model/email-message';
import type { NotificationStore } from './store';

/**
 * `resendEmail`: the same email, composed again from what it was made of,
 * as a new entry in the history that names the one it resends. Invitations
 * and resets carry a one-time secret that is never kept, so they cannot be
 * resent; staff send a new invitation (resendInvitation) instead.
 */
export class EmailResend {
  constructor(
    private readonly store: NotificationStore,
    private readonly documents: DocumentEmails,
    private readonly statements: StatementEmails,
  ) {}

  async resend(tenant: TenantScope, id: string): Promise<EmailMessageRecord> {
    const original = await this.store.findEmail(tenant, id);
    if (!original) throw new AppError('NOT_FOUND', 'Email not found', 'id');
    const recipe = original.resendable;
    if (!recipe)
      throw badInput(
        'id',
        'This email carried a one-time link that is not kept; send a new invitation or reset instead',
      );
    // A new event id: a resend is a new delivery, with its own Message-ID.
    const eventId = `${original.eventId}/resend/${randomUUID()}`;
    const send =
      recipe.kind === 'DOCUMENT_ISSUED'
        ? this.documents.send(
            tenant,
            eventId,
            currentDocumentIssued(recipe.data),
            recipe.recipient,
            {
              resendOf: original._id,
            },
          )
        : this.statements.send(tenant, eventId, recipe.data, original._id);
    // A failed send is in the new entry (FAILED, with the SMTP error); staff may try again.
    const failure = await send.then(
      () => null,
      (error: unknown) => error,
    );
    const resent = await this.store.findEmail(tenant, deliveryId(eventId, original.to));
    if (!resent) throw failure ?? new Error('the resend left no entry');
    return resent;
  }
}
