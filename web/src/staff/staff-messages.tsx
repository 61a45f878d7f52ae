import type { ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useLanguage } from '../i18n/locale';
import staffDe from '../i18n/messages/staff-de.json';
import staffEn from '../i18n/messages/staff-en.json';

/**
 * The staff area's words on top of the shared ones. They come with the staff pages' code, so a
 * contact's browser downloads neither (bench:web checks).
 */
export function StaffMessages({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { language } = useLanguage();
  return (
    <IntlProvider
      locale={intl.locale}
      messages={{ ...intl.messages, ...(language === 'de' ? staffDe : staffEn) }}
    >
      {children}
    </IntlProvider>
  );
}
