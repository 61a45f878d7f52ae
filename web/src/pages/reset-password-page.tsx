import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { useSubmission } from '../forms/use-submission';
import { Button, Field, FormProblem } from '../forms/fields';
import { PasswordRules } from '../forms/password-rules';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';
import { PublicLayout } from '../layout/public-layout';

const ResetPassword = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`);

export function ResetPasswordPage() {
  const t = useT();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const { report, saved: done, run } = useSubmission();
  const [reset, { loading }] = useMutation(ResetPassword);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    await run(() => reset({ variables: { token, newPassword: password } }));
  };
  const linkProblem = report?.fields.token ?? (!token ? 'missing' : undefined);
  return (
    <PublicLayout title={t('reset.title')}>
      {done ? (
        <>
          <p role="status">{t('reset.done')}</p>
          <p>
            <Link to="/sign-in">{t('signIn.submit')}</Link>
          </p>
        </>
      ) : (
        <Form onSubmit={submit} className="stack">
          {linkProblem && (
            <div role="alert" className="problem">
              <p>{t('reset.linkInvalid')}</p>
              <Link to="/forgot-password">{t('reset.askAgain')}</Link>
            </div>
          )}
          <Field
            label={t('field.newPassword')}
            type="password"
            autoComplete="new-password"
            isRequired
            value={password}
            onChange={setPassword}
            description={<PasswordRules password={password} />}
            error={report?.fields.newPassword}
          />
          <FormProblem report={report} onRetry={() => void submit()} />
          <Button type="submit" isDisabled={loading || !token}>
            {t('reset.submit')}
          </Button>
        </Form>
      )}
    </PublicLayout>
  );
}
