import { createHash } from 'node:crypto';
import { createEvent } from '@portico/events';
import { RetryLater } from '@portico/kafka';
import { emailsTotal } from '../metrics';
import type { NewDelivery, NotificationStore } from '../store';
import {
  isPermanentSmtpFailure,
  isSmtpUnreachable,
  type Mailer,
  type OutgoingEmail,
} from './mailer';

export interface DeliveryDependencies {
  store: NotificationStore;
  mailer: Mailer;
  publishPending: () => Promise<void>;
}

/** The same event and recipient always give the same id and Message-ID. */
export const deliveryId = (eventId: string, to: string) =>
  createHash('sha256').update(`${eventId}\n${to}`).digest('hex').slice(0, 32);

/**
 * Sends one email for one event and recipient, at most once: a delivery record
 * unique on (event, recipient) is created first (an insert, exact on every
 * backend), and a redelivered event finds it SENT and sends nothing. The
 * history shows QUEUED, then SENT or FAILED with the SMTP error. A temporary
 * failure is thrown so the bus retries (without limit while no server
 * answers); a permanent one (5xx) is final.
 * Returns the delivery's id.
 */
export async function deliverOnce(
  deps: DeliveryDependencies,
  delivery: NewDelivery,
  compose: () => Promise<Omit<OutgoingEmail, 'to' | 'subject' | 'messageId'>>,
): Promise<string> {
  const id = deliveryId(delivery.eventId, delivery.to);
  const message = await deps.store.claimDelivery({ ...delivery, _id: id });
  if (!message) return id; // sent already
  try {
    await deps.mailer.send({
      ...(await compose()),
      to: message.to,
      subject: message.subject,
      messageId: `<${message._id}@portico>`,
    });
  } catch (error) {
    const final = isPermanentSmtpFailure(error);
    emailsTotal.inc({ kind: delivery.kind, outcome: final ? 'failed' : 'retry' });
    await deps.store.recordFailure(message._id, error, final);
    if (final) return id;
    // The event is tried again until the server is back, not dead-lettered.
    if (isSmtpUnreachable(error))
      throw new RetryLater(`SMTP server unreachable: ${String(error)}`, { cause: error });
    throw error;
  }
  emailsTotal.inc({ kind: delivery.kind, outcome: 'sent' });
  await deps.store.recordSent(
    message._id,
    createEvent({
      type: 'portico.email.sent.v1',
      service: 'notification',
      subject: message._id,
      tenantId: delivery.tenantId,
      data: {
        emailId: message._id,
        kind: delivery.kind,
        to: delivery.to,
        customerId: delivery.customerId,
        documentId: delivery.documentId,
      },
    }),
  );
  // The email.sent event is in the record's outbox; the relay publishes it, no need to wait.
  void deps.publishPending();
  return id;
}
