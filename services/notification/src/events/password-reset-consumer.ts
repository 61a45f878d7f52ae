import type { CloudEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import { deliverOnce, type DeliveryDependencies } from '../mail/tracked-delivery';
import { renderTemplate } from '../rendering/templates';

/** "Password reset requested" -> an email with the reset link (the token in `?token=`). */
export function passwordResetConsumer(
  deps: DeliveryDependencies & { publicUrl: string },
): ConsumerDefinition {
  return {
    name: 'password-reset',
    topics: ['identity.events.v1'],
    async handle(event: CloudEvent) {
      if (event.type !== 'portico.identity.password-reset-requested.v1') return;
      const data = event.data as CloudEvent<'portico.identity.password-reset-requested.v1'>['data'];
      const link = new URL('/reset-password', deps.publicUrl);
      link.searchParams.set('token', data.token);
      const view = {
        name: data.firstName ?? null,
        link: link.toString(),
        expiresAt: data.expiresAt,
      };
      // The history keeps the subject and status only: the link never reaches the database.
      await deliverOnce(
        deps,
        {
          tenantId: event.tenantid,
          eventId: event.id,
          kind: 'PASSWORD_RESET',
          to: data.email,
          subject: 'Reset your Portico password',
          customerId: null,
          documentId: null,
        },
        async () => ({
          text: renderTemplate('password-reset.text', view),
          html: renderTemplate('password-reset.html', view),
        }),
      );
    },
  };
}
