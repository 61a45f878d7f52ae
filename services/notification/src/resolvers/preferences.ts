import type { MutationResolvers, QueryResolvers } from '../generated/resolver-types';
import { type ContactPrincipal, principalScope, requireContact } from '@portico/auth';
import { badInput } from '@portico/errors';
import { localeFromApi, localeToApi } from '../branding';
import type { NotificationContext } from '../context';
import { isLocale, type Locale } from '../rendering/locale';

interface Preferences {
  emailOnNewDocument: boolean;
  attachPdf: boolean;
  locale: Locale | null;
}

const DEFAULTS: Preferences = { emailOnNewDocument: true, attachPdf: true, locale: null };

const toApi = (preferences: Preferences) => ({
  ...preferences,
  locale: preferences.locale && localeToApi(preferences.locale),
});

async function preferencesOf(contact: ContactPrincipal, { store }: NotificationContext) {
  const recipient = await store.findRecipient(principalScope(contact), contact.accessId);
  return toApi(
    recipient
      ? {
          emailOnNewDocument: recipient.emailOnNewDocument,
          attachPdf: recipient.attachPdf,
          locale: recipient.locale ?? null,
        }
      : DEFAULTS,
  );
}

/** A contact's own notification preferences, kept with the access they belong to. */
export const preferencesQueryResolvers: QueryResolvers = {
  myNotificationPreferences: (_, __, context) =>
    preferencesOf(requireContact(context.auth), context),
};

export const preferencesMutationResolvers: MutationResolvers = {
  async updateMyNotificationPreferences(_, { input }, context) {
    const contact = requireContact(context.auth);
    const changes: Partial<Preferences> = {};
    if (input.emailOnNewDocument != null) changes.emailOnNewDocument = input.emailOnNewDocument;
    if (input.attachPdf != null) changes.attachPdf = input.attachPdf;
    if (input.locale != null) {
      const locale = localeFromApi(input.locale);
      if (!isLocale(locale)) throw badInput('input.locale', 'Unsupported locale');
      changes.locale = locale;
    }
    await context.store.setRecipient(contact.accessId, {
      tenantId: contact.tenantId,
      customerId: contact.customerId,
      ...changes,
    });
    return preferencesOf(contact, context);
  },
};
