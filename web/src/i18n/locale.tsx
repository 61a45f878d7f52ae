import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import de from './messages/de.json';
import en from './messages/en.json';

/**
 * Every message id: the shared catalogs' and the staff area's, which load with the staff pages
 * (see staff/staff-messages.tsx) so that contacts never download them.
 */
export type MessageId = keyof typeof en | keyof typeof import('./messages/staff-en.json');
export type Language = 'en' | 'de';

const CATALOGS: Record<Language, Record<keyof typeof en, string>> = { en, de };
const STORAGE_KEY = 'portico-language';

/** The viewer's language: their last choice on this device, else the browser's. */
function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'de') return stored;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

const LanguageContext = createContext<{ language: Language; setLanguage(l: Language): void }>({
  language: 'en',
  setLanguage: () => undefined,
});

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next); // a preference, not a secret
    setLanguageState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return (
    <LanguageContext.Provider value={value}>
      <IntlProvider locale={language === 'de' ? 'de-DE' : 'en-GB'} messages={CATALOGS[language]}>
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export const useLanguage = () => useContext(LanguageContext);

type Values = Record<string, string | number | Date | ReactNode>;

/** Translates catalog ids (checked against the English catalog at compile time). */
export function useT() {
  const intl = useIntl();
  return useCallback(
    (id: MessageId, values?: Values) =>
      intl.formatMessage({ id }, values as Record<string, string>),
    [intl],
  );
}
