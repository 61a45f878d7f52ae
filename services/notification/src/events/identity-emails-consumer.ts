import { eventScope } from '@portico/auth';
import type { CloudEvent, CurrentEvent, Envelope, EventData, EventType } from '@portico/events';
import { openSecret, secretContext, type SecretKeyring } from '@portico/event-secrets';
import type { Logger } from '@portico/logger';
import type { ConsumerDefinition } from '@portico/service-runtime';
import { senderOf } from '../branding';
import { deliverOnce, type DeliveryDependencies } from '../mail/tracked-delivery';
import type { NewDelivery } from '../store';
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

/** What composing an email needs besides the event's data: its words, times and links. */
interface Composing {
  wording: ReturnType<typeof wordingOf>;
  until: (expiresAt: string) => string;
  /** A portal link carrying the event's sealed one-time secret, opened, in `?token=`. */
  link: (path: string, sealed: string) => string;
}

/** One email an identity event asks for: its template, what it shows and its history entry. */
interface IdentityEmail {
  template: string;
  view: object;
  entry: Pick<NewDelivery, 'kind' | 'to' | 'subject'> &
    Partial<Pick<NewDelivery, 'customerId' | 'accessId'>>;
}

/** What every email with a one-time link shows: whom it greets, for which organization, the link and its expiry. */
const linkView = (
  data: { firstName?: string | null; organizationName?: string; token: string; expiresAt: string },
  path: string,
  { until, link }: Composing,
) => ({
  name: data.firstName ?? null,
  organization: data.organizationName,
  link: link(path, data.token),
  expiresAt: until(data.expiresAt),
});

type Composer<K extends EventType> = (data: EventData<K>, composing: Composing) => IdentityEmail;

const composers: {
  [
    K in
      | 'portico.identity.password-reset-requested.v1'
      | 'portico.identity.password-reset-unavailable.v1'
      | 'portico.identity.owner-verification-requested.v1'
      | 'portico.identity.staff-invited.v1'
      | 'portico.identity.contact-invited.v1'
  ]: Composer<K>;
} = {
  'portico.identity.password-reset-requested.v1': (data, composing) => ({
    template: 'password-reset',
    view: linkView(data, '/reset-password', composing),
    entry: {
      kind: 'PASSWORD_RESET',
      to: data.email,
      subject: composing.wording.subjects.passwordReset,
    },
  }),
  'portico.identity.password-reset-unavailable.v1': (data, { wording }) => ({
    template: 'password-reset-unavailable',
    view: {
      name: data.firstName ?? null,
      organization: data.organizationName,
      contact: data.kind === 'CONTACT',
    },
    entry: {
      kind: 'PASSWORD_RESET',
      to: data.email,
      subject: wording.subjects.notActivated,
      customerId: data.customerId ?? null,
      accessId: data.accessId ?? null,
    },
  }),
  'portico.identity.owner-verification-requested.v1': (data, composing) => ({
    template: 'email-verification',
    view: linkView(data, '/verify-email', composing),
    entry: {
      kind: 'EMAIL_VERIFICATION',
      to: data.email,
      subject: composing.wording.subjects.emailVerification(data.organizationName),
    },
  }),
  'portico.identity.staff-invited.v1': (data, composing) => ({
    template: 'staff-invitation',
    view: {
      ...linkView(data, '/accept-invitation', composing),
      invitedBy: data.invitedBy ?? null,
      role: data.role.toLowerCase(),
    },
    entry: {
      kind: 'STAFF_INVITATION',
      to: data.email,
      subject: composing.wording.subjects.staffInvitation(data.organizationName),
    },
  }),
  'portico.identity.contact-invited.v1': (data, composing) => ({
    template: 'contact-invitation',
    view: {
      ...linkView(data, '/accept-invitation', composing),
      customer: data.customerName,
      needsCode: Boolean(data.code),
    },
    entry: {
      kind: 'INVITATION',
      to: data.email,
      subject: composing.wording.subjects.invitation(data.organizationName),
      customerId: data.customerId,
      // So staff find a bounced invitation in the contact's own history.
      accessId: data.accessId,
    },
  }),
};

type EmailEvent = CloudEvent<keyof typeof composers>;

const asksForEmail = (event: CurrentEvent): event is EmailEvent => event.type in composers;

/** The email an event asks for, composed by its type's composer. */
function composeEmail<K extends EmailEvent['type']>(
  event: Envelope<K>,
  composing: Composing,
): IdentityEmail {
  // A table indexed by a union gives a union of composers; each is called with its own type.
  const compose = composers[event.type] as Composer<K>;
  return compose(event.data, composing);
}

/**
 * Identity's messages: password reset links, owner verification, staff
 * invitations, contact invitations (email, and the code by SMS), each in the
 * tenant's language and brand. The email history keeps subject and status
 * only; the secret never reaches the database.
 */
export function identityEmailsConsumer(deps: Dependencies): ConsumerDefinition {
  return {
    name: 'identity-emails',
    topics: ['identity.events.v1'],
    async handle(event: CurrentEvent) {
      if (!asksForEmail(event)) return;
      const type = event.type;
      // Before a tenant has branding (its first owner's mails), Portico's own in English.
      const branding = await deps.store.brandings.of(eventScope(event));
      const { locale } = branding;
      const format = formatterOf(locale);
      const opened = (field: string, sealed: string) =>
        openSecret(deps.keyring, sealed, secretContext(type, field, event.subject));
      const email = composeEmail(event, {
        wording: wordingOf(locale),
        until: (expiresAt) => format.moment(new Date(expiresAt)),
        link: (path, sealed) =>
          portalLink(deps.publicUrl, path, event.tenantid, { token: opened('token', sealed) }),
      });
      await deliverOnce(
        deps,
        {
          tenantId: event.tenantid,
          eventId: event.id,
          customerId: null,
          documentId: null,
          ...email.entry,
        },
        async () => ({
          ...senderOf(branding),
          ...renderEmail(locale, email.template, email.view, branding),
        }),
      );
      if (event.type === 'portico.identity.contact-invited.v1')
        await sendInvitationCode(deps, event, event.data, opened);
    },
  };
}

/** After the email: a retry then resends at most the SMS, never the email. */
async function sendInvitationCode(
  deps: Dependencies,
  event: CloudEvent,
  data: EventData<'portico.identity.contact-invited.v1'>,
  opened: (field: string, sealed: string) => string,
): Promise<void> {
  if (!data.phone || !data.code) return;
  if (!deps.sms) {
    deps.logger.warn({ eventId: event.id }, 'no SMS_WEBHOOK_URL: invitation code not sent');
    return;
  }
  await deps.sms.send(
    data.phone,
    `${data.organizationName} portal: your invitation code is ${opened('code', data.code)}`,
  );
}
