import type { CloudEvent } from '@portico/events';
import type { ConsumerDefinition } from '@portico/service-runtime';
import { deliverOnce, type DeliveryDependencies } from '../mail/tracked-delivery';
import { renderTemplate } from '../rendering/templates';

type Dependencies = DeliveryDependencies & { publicUrl: string };

/** A link under the portal URL carrying the one-time secret in `?token=`. */
function tokenLink(publicUrl: string, path: string, token: string): string {
  const link = new URL(path, publicUrl);
  link.searchParams.set('token', token);
  return link.toString();
}

/**
 * Identity's emails: password reset links and staff invitations. The email
 * history keeps subject and status only; the secret never reaches the database.
 */
export function identityEmailsConsumer(deps: Dependencies): ConsumerDefinition {
  return {
    name: 'identity-emails',
    topics: ['identity.events.v1'],
    async handle(event: CloudEvent) {
      const base = {
        tenantId: event.tenantid,
        eventId: event.id,
        customerId: null,
        documentId: null,
      };
      switch (event.type) {
        case 'portico.identity.password-reset-requested.v1': {
          const data =
            event.data as CloudEvent<'portico.identity.password-reset-requested.v1'>['data'];
          const view = {
            name: data.firstName ?? null,
            link: tokenLink(deps.publicUrl, '/reset-password', data.token),
            expiresAt: data.expiresAt,
          };
          return deliverOnce(
            deps,
            {
              ...base,
              kind: 'PASSWORD_RESET',
              to: data.email,
              subject: 'Reset your Portico password',
            },
            async () => ({
              text: renderTemplate('password-reset.text', view),
              html: renderTemplate('password-reset.html', view),
            }),
          );
        }
        case 'portico.identity.staff-invited.v1': {
          const data = event.data as CloudEvent<'portico.identity.staff-invited.v1'>['data'];
          const view = {
            name: data.firstName ?? null,
            organization: data.organizationName,
            invitedBy: data.invitedBy ?? null,
            role: data.role.toLowerCase(),
            link: tokenLink(deps.publicUrl, '/accept-invitation', data.token),
            expiresAt: data.expiresAt,
          };
          const subject = `You are invited to ${data.organizationName} on Portico`;
          return deliverOnce(
            deps,
            { ...base, kind: 'STAFF_INVITATION', to: data.email, subject },
            async () => ({
              text: renderTemplate('staff-invitation.text', view),
              html: renderTemplate('staff-invitation.html', view),
            }),
          );
        }
        default:
          return undefined;
      }
    },
  };
}
