import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { sessionContext } from '../api/client';
import { reportOf } from '../api/errors';
import { useSubmission } from '../forms/use-submission';
import { Button, Field, FormProblem } from '../forms/fields';
import { PasswordRules } from '../forms/password-rules';
import { graphql } from '../gql';
import type { InvitationState } from '../gql/graphql';
import { useT, type MessageId } from '../i18n/locale';
import { PublicLayout } from '../layout/public-layout';
import { session } from '../session/session-store';

const CheckInvitation = graphql(`
  query CheckInvitation($token: String!) {
    invitation(token: $token) {
      state
      codeRequired
      email
      organizationName
    }
  }
`);

const AcceptInvitation = graphql(`
  mutation AcceptInvitation($token: String!, $code: String, $password: String!) {
    acceptInvitation(token: $token, code: $code, password: $password) {
      ...SessionPayload
    }
  }
`);

const STATE_MESSAGES: Record<Exclude<InvitationState, 'VALID'>, MessageId> = {
  USED: 'invitation.used',
  EXPIRED: 'invitation.expired',
  SUPERSEDED: 'invitation.superseded',
  UNKNOWN: 'invitation.unknown',
};

export function AcceptInvitationPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const check = useQuery(CheckInvitation, {
    variables: { token },
    skip: !token,
    fetchPolicy: 'network-only',
  });
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const { report, run } = useSubmission();
  const [accept, { loading }] = useMutation(AcceptInvitation, { context: sessionContext });
  const invitation = check.data?.invitation;
  const state: InvitationState | undefined = token ? invitation?.state : 'UNKNOWN';

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    await run(async () => {
      const { data } = await accept({
        variables: { token, code: invitation?.codeRequired ? code : null, password },
      });
      if (!data) return;
      session.signedIn(data.acceptInvitation);
      void navigate('/documents', { replace: true });
    });
  };

  if (check.error) {
    return (
      <PublicLayout title={t('invitation.title')}>
        <FormProblem report={reportOf(check.error)} onRetry={() => void check.refetch()} />
      </PublicLayout>
    );
  }
  if (!state) {
    return (
      <PublicLayout title={t('invitation.title')}>
        <p role="status">{t('state.loading')}</p>
      </PublicLayout>
    );
  }
  if (state !== 'VALID' || report?.fields.token) {
    return (
      <PublicLayout title={t('invitation.title')}>
        <div role="alert" className="problem">
          <p>{t(state === 'VALID' ? 'invitation.unknown' : STATE_MESSAGES[state])}</p>
        </div>
        <p>
          <Link to="/sign-in">{t('action.backToSignIn')}</Link>
        </p>
      </PublicLayout>
    );
  }
  return (
    <PublicLayout title={t('invitation.title')} organization={invitation?.organizationName}>
      <p>
        {t('invitation.intro', {
          email: invitation?.email ?? '',
          organization: invitation?.organizationName ?? '',
        })}
      </p>
      <Form onSubmit={submit} className="stack">
        {invitation?.codeRequired && (
          <Field
            label={t('field.smsCode')}
            autoComplete="one-time-code"
            isRequired
            value={code}
            onChange={setCode}
            error={report?.fields.code}
          />
        )}
        <Field
          label={t('field.password')}
          type="password"
          autoComplete="new-password"
          isRequired
          value={password}
          onChange={setPassword}
          description={<PasswordRules password={password} />}
          error={report?.fields.password}
        />
        <FormProblem report={report} onRetry={() => void submit()} />
        <Button type="submit" isDisabled={loading}>
          {t('invitation.submit')}
        </Button>
      </Form>
    </PublicLayout>
  );
}
