import { useId } from 'react';
import { useLanguage, useT, type Language } from '../i18n/locale';

/**
 * The portal's language; `onChange` also tells the server (a contact's emails follow it).
 * A native select: the most accessible select there is, and it costs public pages no script.
 */
export function LanguagePicker({
  onChange,
  visibleLabel = false,
}: {
  onChange?: (language: Language) => void;
  visibleLabel?: boolean;
}) {
  const t = useT();
  const id = useId();
  const { language, setLanguage } = useLanguage();
  return (
    <span className="language">
      <label htmlFor={id} className={visibleLabel ? undefined : 'visually-hidden'}>
        {t('field.language')}
      </label>
      <select
        id={id}
        className="select-button"
        value={language}
        onChange={(event) => {
          const next = event.target.value as Language;
          setLanguage(next);
          onChange?.(next);
        }}
      >
        <option value="en">English</option>
        <option value="de">Deutsch</option>
      </select>
    </span>
  );
}
