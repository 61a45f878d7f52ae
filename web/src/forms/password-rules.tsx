import { useT } from '../i18n/locale';

/** identity's rule (services/identity/src/passwords.ts), shown before the contact submits. */
export const MIN_PASSWORD_LENGTH = 10;

export function PasswordRules({ password }: { password: string }) {
  const t = useT();
  const long = password.length >= MIN_PASSWORD_LENGTH;
  return (
    <p className={long ? 'hint ok' : 'hint'} id="password-rules">
      {t('password.rules', { min: MIN_PASSWORD_LENGTH })}
    </p>
  );
}
