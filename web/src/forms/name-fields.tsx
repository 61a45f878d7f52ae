import { useT } from '../i18n/locale';
import { Field } from './fields';

/** First and last name of someone being invited, each with the server's complaint about it. */
export function NameFields({
  firstName,
  lastName,
  onChange,
  errorOf,
}: {
  firstName: string;
  lastName: string;
  onChange(field: 'firstName' | 'lastName', value: string): void;
  errorOf(field: 'firstName' | 'lastName'): string | undefined;
}) {
  const t = useT();
  return (
    <>
      <Field
        label={t('field.firstName')}
        autoComplete="off"
        value={firstName}
        onChange={(value) => onChange('firstName', value)}
        error={errorOf('firstName')}
      />
      <Field
        label={t('field.lastName')}
        autoComplete="off"
        value={lastName}
        onChange={(value) => onChange('lastName', value)}
        error={errorOf('lastName')}
      />
    </>
  );
}
