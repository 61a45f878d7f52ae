import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSubmission } from '../forms/use-submission';
import { sessionContext } from '../api/client';
import { Button, Field, FormProblem } from '../forms/fields';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';
import { PublicLayout } from '../layout/public-layout';
import { session } from '../session/session-store';
import { useSession } from '../session/use-session';
import { safeNext } from '../session/next-path';

const SignIn = graphql(`
  mutation SignIn(
    $email: String!
    $password: String!
    $organizationSlug: String
    $deviceToken: String
  ) {
    login(
      email: $email
      password: $password
      organizationSlug: $organizationSlug
      deviceToken: $deviceToken
    ) {
      ...SessionPayload
    }
  }
`);

export function SignInPage() {
  const t = useT();
  const state = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [organization, setOrganization] = useState('');
  const [askOrganization, setAskOrganization] = useState(false);
  const { report, run } = useSubmission();
  const [signIn, { loading }] = useMutation(SignIn, { context: sessionContext });

  if (state.status === 'signed-in') return <Navigate to={next} replace />;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const problem = await run(async () => {
      const { data } = await signIn({
        variables: {
          email,
          password,
          organizationSlug: askOrganization ? organization : null,
          deviceToken: null, // the gateway sends this device's cookie
        },
      });
      if (!data) return;
      session.signedIn(data.login);
      navigate(next, { replace: true });
    });
    if (problem?.fields.organizationSlug) setAskOrganization(true);
  };

  const ended = state.status === 'signed-out' && state.reason === 'expired';
  return (
    <PublicLayout title={t('signIn.title')}>
      {ended && (
        <p role="status" className="notice">
          {t('signIn.sessionEnded')}
        </p>
      )}
      <Form onSubmit={submit} className="stack">
        <Field
          label={t('field.email')}
          type="email"
          autoComplete="username"
          isRequired
          value={email}
          onChange={setEmail}
        />
        <Field
          label={t('field.password')}
          type="password"
          autoComplete="current-password"
          isRequired
          value={password}
          onChange={setPassword}
        />
        {askOrganization && (
          <Field
            label={t('field.organization')}
            description={t('signIn.organizationHint')}
            isRequired
            value={organization}
            onChange={setOrganization}
            error={
              report?.fields.organizationSlug && organization
                ? t('signIn.organizationUnknown')
                : undefined
            }
          />
        )}
        {report?.code === 'UNAUTHENTICATED' ? (
          <p role="alert" className="problem">
            {t('signIn.wrongPassword')}
          </p>
        ) : (
          <FormProblem report={report} onRetry={() => void submit()} />
        )}
        <Button type="submit" isDisabled={loading}>
          {t('signIn.submit')}
        </Button>
      </Form>
      <p>
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
      </p>
    </PublicLayout>
  );
}
