import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSubmission } from '../forms/use-submission';
import { graphqlRequest, SESSION_HEADERS } from '../api/graphql-request';
import { Button, Field, FormProblem } from '../forms/fields';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';
import { PublicLayout } from '../layout/public-layout';
import { session } from '../session/session-store';
import { useSession } from '../session/use-session';
import { safeNext } from '../session/next-path';
import { preloadSignedIn } from '../signed-in-chunks';

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
  const [loading, setLoading] = useState(false);

  if (state.status === 'signed-in') return <Navigate to={next} replace />;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    // The signed-in pages load while the password is checked.
    preloadSignedIn();
    setLoading(true);
    const problem = await run(async () => {
      // By fetch, not Apollo: this page ships without it (see bench:web).
      const data = await graphqlRequest(
        SignIn,
        {
          email,
          password,
          organizationSlug: askOrganization ? organization : null,
          deviceToken: null, // the gateway sends this device's cookie
        },
        SESSION_HEADERS,
      );
      session.signedIn(data.login);
      void navigate(next, { replace: true });
    });
    setLoading(false);
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
