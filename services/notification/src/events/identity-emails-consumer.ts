import type { CloudEvent } from '@portico/events';
import { openSecret, secretContext, type SecretKeyring } from '@portico/event-secrets';
import type { Logger } from '@portico/logger';
import type { ConsumerDefinition } from '@portico/service-runtime';
import { senderOf } from '../branding';
import { deliverOnce, type DeliveryDependencies } from '../mail/tracked-delivery';
import { formatterOf, wordingOf } from '../rendering/locale';
import { portalLink } from '../rendering/portal-link';
import { renderEmail } from '../rendering/templates';
import type { SmsSender } from '../sms/sms-sender';

type Dependencies = DeliveryDependencies & {
  publicUrl: string;
  /** Opens the link tokens and SMS codes identity sealed into its events. */
  keyring: SecretKeyring;
  /** Absent when no SMS gateway is configured. */
  sms: SmsSender | null;
  logger: Logger;
};

/**
 * Identity's messages: password reset links, staff invitations, contact
 * invitations (email, and the code by SMS). The email
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
      // Before a tenant has branding (its first owner's mails), Portico's own in English.
      const branding = await deps.store.brandings.of(event.tenantid);
      const { locale } = branding;
      const wording = wordingOf(locale);
      const format = formatterOf(locale);
      const sender = senderOf(branding);
      const until = (expiresAt: string) => format.moment(new Date(expiresAt));
      // The one-time secret in `?token=`.
      const link = (path: string, token: string) =>
        portalLink(deps.publicUrl, path, event.tenantid, { token });
      const opened = (field: string, sealed: string) =>
        openSecret(deps.keyring, sealed, secretContext(event.type, field, event.subject));
      switch (event.type) {
        case 'portico.identity.password-reset-requested.v1': {
          const data =
            event.data as CloudEvent<'portico.identity.password-reset-requested.v1'>['data'];
          const view = {
            name: data.firstName ?? null,
            link: link('/reset-password', opened('token', data.token)),
            expiresAt: until(data.expiresAt),
          };
          await deliverOnce(
            deps,
            {
              ...base,
              kind: 'PASSWORD_RESET',
              to: data.email,
              subject: wording.subjects.passwordReset,
            },
            async () => ({
              ...sender,
              ...renderEmail(locale, 'password-reset', view, branding),
            }),
          );
          return;
        }
        case 'portico.identity.password-reset-unavailable.v1': {
          const data =
            event.data as CloudEvent<'portico.identity.password-reset-unavailable.v1'>['data'];
          const view = {
            name: data.firstName ?? null,
            organization: data.organizationName,
            contact: data.kind === 'CONTACT',
          };
          await deliverOnce(
            deps,
            {
              ...base,
              customerId: data.customerId ?? null,
              accessId: data.accessId ?? null,
              kind: 'PASSWORD_RESET',
              to: data.email,
              subject: wording.subjects.notActivated,
            },
            async () => ({
              ...sender,
              ...renderEmail(locale, 'password-reset-unavailable', view, branding),
            }),
          );
          return;
        }
        case 'portico.identity.owner-verification-requested.v1': {
          const data =
            event.data as CloudEvent<'portico.identity.owner-verification-requested.v1'>['data'];
          const view = {
            name: data.firstName ?? null,
            organization: data.organizationName,
            link: link('/verify-email', opened('token', data.token)),
            expiresAt: until(data.expiresAt),
          };
          await deliverOnce(
            deps,
            {
              ...base,
              kind: 'EMAIL_VERIFICATION',
              to: data.email,
              subject: wording.subjects.emailVerification(data.organizationName),
            },
            async () => ({
              ...sender,
              ...renderEmail(locale, 'email-verification', view, branding),
            }),
          );
          return;
        }
        case 'portico.identity.staff-invited.v1': {
          const data = event.data as CloudEvent<'portico.identity.staff-invited.v1'>['data'];
          const view = {
            name: data.firstName ?? null,
            organization: data.organizationName,
            invitedBy: data.invitedBy ?? null,
            role: data.role.toLowerCase(),
            link: link('/accept-invitation', opened('token', data.token)),
            expiresAt: until(data.expiresAt),
          };
          const subject = wording.subjects.staffInvitation(data.organizationName);
          await deliverOnce(
            deps,
            { ...base, kind: 'STAFF_INVITATION', to: data.email, subject },
            async () => ({
              ...sender,
              ...renderEmail(locale, 'staff-invitation', view, branding),
            }),
          );
          return;
        }
        case 'portico.identity.contact-invited.v1': {
          const data = event.data as CloudEvent<'portico.identity.contact-invited.v1'>['data'];
          const view = {
            name: data.firstName ?? null,
            organization: data.organizationName,
            customer: data.customerName,
            needsCode: Boolean(data.code),
            link: link('/accept-invitation', opened('token', data.token)),
            expiresAt: until(data.expiresAt),
          };
          const subject = wording.subjects.invitation(data.organizationName);
          await deliverOnce(
            deps,
            {
              ...base,
              customerId: data.customerId,
              // So staff find a bounced invitation in the contact's own history.
              accessId: data.accessId,
              kind: 'INVITATION',
              to: data.email,
              subject,
            },
            async () => ({
              ...sender,
              ...renderEmail(locale, 'contact-invitation', view, branding),
            }),
          );
          // After the email: a retry then resends at most the SMS, never the email.
          if (data.phone && data.code) {
            if (!deps.sms) {
              deps.logger.warn(
                { eventId: event.id },
                'no SMS_WEBHOOK_URL: invitation code not sent',
              );
              return;
            }
            await deps.sms.send(
              data.phone,
              `${data.organizationName} portal: your invitation code is ${opened('code', data.code)}`,
            );
          }
          return;
        }
        default:
          return undefined;
      }
    },
  };
}
