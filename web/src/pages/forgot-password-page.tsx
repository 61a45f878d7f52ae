import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link } from 'react-router';
import { useSubmission } from '../forms/use-submission';
import { Button, Field, FormProblem } from '../forms/fields';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';
import { PublicLayout } from '../layout/public-layout';

const RequestReset = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export function ForgotPasswordPage() {
  const t = useT();
  const [email, setEmail] = useState('');
  const { report, saved: sent, run } = useSubmission();
  const [request, { loading }] = useMutation(RequestReset);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    await run(() => request({ variables: { email } }));
  };
  return (
    <PublicLayout title={t('forgot.title')}>
      {sent ? (
        <p role="status">{t('forgot.sent', { email })}</p>
      ) : (
        <Form onSubmit={submit} className="stack">
          <p>{t('forgot.intro')}</p>
          <Field
            label={t('field.email')}
            type="email"
            autoComplete="username"
            isRequired
            value={email}
            onChange={setEmail}
            error={report?.fields.email}
          />
          <FormProblem report={report} onRetry={() => void submit()} />
          <Button type="submit" isDisabled={loading}>
            {t('forgot.submit')}
          </Button>
        </Form>
      )}
      <p>
        <Link to="/sign-in">{t('action.backToSignIn')}</Link>
      </p>
    </PublicLayout>
  );
}
