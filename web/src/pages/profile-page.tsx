import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Checkbox, Form } from 'react-aria-components';
import { useSubmission } from '../forms/use-submission';
import { Button, Field, FormProblem } from '../forms/fields';
import { PasswordRules } from '../forms/password-rules';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';
import { session } from '../session/session-store';
import { useUser } from '../session/use-session';

const UpdateProfile = graphql(`
  mutation UpdateMyProfile($input: UpdateProfileInput!) {
    updateMyProfile(input: $input) {
      ...SessionUserFields
    }
  }
`);

const ChangePassword = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

const Preferences = graphql(`
  query MyNotificationPreferences {
    myNotificationPreferences {
      emailOnNewDocument
      attachPdf
      locale
    }
  }
`);

const UpdatePreferences = graphql(`
  mutation UpdateMyNotificationPreferences($input: NotificationPreferencesInput!) {
    updateMyNotificationPreferences(input: $input) {
      emailOnNewDocument
      attachPdf
      locale
    }
  }
`);

function NamesForm() {
  const t = useT();
  const user = useUser();
  const [firstName, setFirstName] = useState(user.firstName ?? '');
  const [lastName, setLastName] = useState(user.lastName ?? '');
  const [update, { loading }] = useMutation(UpdateProfile);
  const { report, saved, run } = useSubmission();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const { data } = await update({ variables: { input: { firstName, lastName } } });
      if (data) session.updateUser(data.updateMyProfile);
    });
  };
  return (
    <section aria-labelledby="names-heading" className="card-section">
      <h2 id="names-heading">{t('profile.names')}</h2>
      <Form onSubmit={submit} className="stack">
        <Field
          label={t('field.email')}
          value={user.email}
          isReadOnly
          description={t('profile.emailFixed')}
        />
        <Field
          label={t('field.firstName')}
          value={firstName}
          onChange={setFirstName}
          error={report?.fields['input.firstName']}
        />
        <Field
          label={t('field.lastName')}
          value={lastName}
          onChange={setLastName}
          error={report?.fields['input.lastName']}
        />
        <FormProblem report={report} />
        {saved && <p role="status">{t('state.saved')}</p>}
        <Button type="submit" isDisabled={loading}>
          {t('action.save')}
        </Button>
      </Form>
    </section>
  );
}

function PasswordForm() {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [change, { loading }] = useMutation(ChangePassword);
  const { report, saved, run } = useSubmission();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await run(() =>
      change({ variables: { currentPassword: current, newPassword: next } }),
    );
    if (!problem) {
      setCurrent('');
      setNext('');
    }
  };
  const wrongCurrent = report?.fields.currentPassword ? t('profile.wrongCurrent') : undefined;
  return (
    <section aria-labelledby="password-heading" className="card-section">
      <h2 id="password-heading">{t('profile.password')}</h2>
      <Form onSubmit={submit} className="stack">
        <Field
          label={t('field.currentPassword')}
          type="password"
          autoComplete="current-password"
          isRequired
          value={current}
          onChange={setCurrent}
          error={wrongCurrent}
        />
        <Field
          label={t('field.newPassword')}
          type="password"
          autoComplete="new-password"
          isRequired
          value={next}
          onChange={setNext}
          description={<PasswordRules password={next} />}
          error={report?.fields.newPassword}
        />
        <FormProblem report={report} />
        {saved && <p role="status">{t('profile.passwordChanged')}</p>}
        <Button type="submit" isDisabled={loading}>
          {t('profile.changePassword')}
        </Button>
      </Form>
    </section>
  );
}

/** A contact's emails: on a new document, with its PDF, and in which language. */
function PreferencesForm() {
  const t = useT();
  const { data } = useQuery(Preferences);
  // The answer replaces what the form shows (the preferences have no id to merge by).
  const [update] = useMutation(UpdatePreferences, {
    update(cache, { data: answer }) {
      if (answer)
        cache.writeQuery({
          query: Preferences,
          data: { myNotificationPreferences: answer.updateMyNotificationPreferences },
        });
    },
  });
  const { report, saved, run } = useSubmission();
  const prefs = data?.myNotificationPreferences;
  const save = (input: { emailOnNewDocument?: boolean; attachPdf?: boolean }) =>
    void run(() => update({ variables: { input } }));
  return (
    <section aria-labelledby="prefs-heading" className="card-section">
      <h2 id="prefs-heading">{t('profile.notifications')}</h2>
      {prefs && (
        <div className="stack">
          <Checkbox
            className="checkbox"
            isSelected={prefs.emailOnNewDocument}
            onChange={(on) => save({ emailOnNewDocument: on })}
          >
            <span className="box" aria-hidden="true" />
            {t('profile.emailOnNewDocument')}
          </Checkbox>
          <Checkbox
            className="checkbox"
            isSelected={prefs.attachPdf}
            isDisabled={!prefs.emailOnNewDocument}
            onChange={(on) => save({ attachPdf: on })}
          >
            <span className="box" aria-hidden="true" />
            {t('profile.attachPdf')}
          </Checkbox>
        </div>
      )}
      <FormProblem report={report} />
      {saved && <p role="status">{t('state.saved')}</p>}
    </section>
  );
}

export function ProfilePage() {
  const t = useT();
  const user = useUser();
  return (
    <div className="page narrow">
      <h1>{t('profile.title')}</h1>
      <NamesForm />
      <PasswordForm />
      {user.kind === 'CONTACT' && <PreferencesForm />}
    </div>
  );
}
