import { requireContact, type ContactPrincipal } from '@portico/auth';
import type { NotificationContext } from '../context';

interface Preferences {
  emailOnNewDocument: boolean;
  attachPdf: boolean;
}

const DEFAULTS: Preferences = { emailOnNewDocument: true, attachPdf: true };

async function preferencesOf(contact: ContactPrincipal, { store }: NotificationContext) {
  const recipient = await store.recipients
    .findOne({ _id: contact.accessId, tenantId: contact.tenantId })
    .lean()
    .exec();
  return recipient
    ? { emailOnNewDocument: recipient.emailOnNewDocument, attachPdf: recipient.attachPdf }
    : DEFAULTS;
}

/** A contact's own notification preferences, kept with the access they belong to. */
export const preferencesQueryResolvers = {
  myNotificationPreferences: (_: unknown, __: unknown, context: NotificationContext) =>
    preferencesOf(requireContact(context.auth), context),
};

export const preferencesMutationResolvers = {
  async updateMyNotificationPreferences(
    _: unknown,
    { input }: { input: Partial<Record<keyof Preferences, boolean | null>> },
    context: NotificationContext,
  ) {
    const contact = requireContact(context.auth);
    const changes: Partial<Preferences> = {};
    if (input.emailOnNewDocument != null) changes.emailOnNewDocument = input.emailOnNewDocument;
    if (input.attachPdf != null) changes.attachPdf = input.attachPdf;
    await context.store.recipients.updateOne(
      { _id: contact.accessId },
      { $set: { tenantId: contact.tenantId, customerId: contact.customerId, ...changes } },
      { upsert: true },
    );
    return preferencesOf(contact, context);
  },
};
