import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { useFormats } from '../format/formats';
import { Button, FormProblem } from '../forms/fields';
import { useSubmission } from '../forms/use-submission';
import { graphql } from '../gql';
import type { EmailKind, EmailRowFragment, EmailStatus } from '../gql/graphql';
import { useT, type MessageId } from '../i18n/locale';
import { LabelledTable } from '../layout/labelled-table';

graphql(`
  fragment EmailRow on EmailMessage {
    id
    to
    subject
    kind
    status
    error
    attempts
    createdAt
    sentAt
    customerId
    documentId
  }
`);

const ResendEmail = graphql(`
  mutation ResendEmail($id: ID!) {
    resendEmail(id: $id) {
      id
    }
  }
`);

export const EMAIL_KINDS: EmailKind[] = [
  'INVITATION',
  'DOCUMENT_ISSUED',
  'ACCOUNT_STATEMENT',
  'PASSWORD_RESET',
  'STAFF_INVITATION',
  'EMAIL_VERIFICATION',
];
export const EMAIL_STATUSES: EmailStatus[] = ['QUEUED', 'SENT', 'FAILED'];

export const KIND_LABELS: Record<EmailKind, MessageId> = {
  INVITATION: 'emailKind.invitation',
  DOCUMENT_ISSUED: 'emailKind.documentIssued',
  ACCOUNT_STATEMENT: 'emailKind.accountStatement',
  PASSWORD_RESET: 'emailKind.passwordReset',
  STAFF_INVITATION: 'emailKind.staffInvitation',
  EMAIL_VERIFICATION: 'emailKind.emailVerification',
};

export const STATUS_LABELS: Record<EmailStatus, MessageId> = {
  QUEUED: 'emailStatus.queued',
  SENT: 'emailStatus.sent',
  FAILED: 'emailStatus.failed',
};

// One-time links are never kept, so these cannot be sent again (the server's rule too).
const NOT_RESENDABLE = new Set<EmailKind>([
  'INVITATION',
  'PASSWORD_RESET',
  'STAFF_INVITATION',
  'EMAIL_VERIFICATION',
]);

/** Emails as sent, each with its delivery state and the SMTP server's answer in full. */
export function EmailTable({ rows, onResent }: { rows: EmailRowFragment[]; onResent?(): void }) {
  const t = useT();
  const f = useFormats();
  const [resend] = useMutation(ResendEmail);
  const { report, saved, run } = useSubmission();
  if (rows.length === 0) return <p>{t('emails.none')}</p>;
  return (
    <>
      <FormProblem report={report} />
      {saved && <p role="status">{t('emails.resent')}</p>}
      <div className="table-scroll">
        <LabelledTable
          label={t('emails.title')}
          rows={rows}
          rowKey={(email) => email.id}
          columns={[
            { label: t('emails.when'), cell: (email) => f.dateTime(email.createdAt) },
            { label: t('emails.kind'), cell: (email) => t(KIND_LABELS[email.kind]) },
            { label: t('emails.to'), cell: (email) => email.to },
            {
              label: t('emails.subject'),
              cell: (email) =>
                email.documentId ? (
                  <Link to={`/documents/${email.documentId}`}>{email.subject}</Link>
                ) : (
                  email.subject
                ),
            },
            {
              label: t('emails.status'),
              cell: (email) => (
                <>
                  <span className={`badge badge-email-${email.status.toLowerCase()}`}>
                    {t(STATUS_LABELS[email.status])}
                  </span>
                  {email.error && <pre className="smtp-error">{email.error}</pre>}
                </>
              ),
            },
            { label: t('emails.attempts'), numeric: true, cell: (email) => email.attempts },
            {
              label: t('contacts.actions'),
              cell: (email) =>
                NOT_RESENDABLE.has(email.kind) ? null : (
                  <Button
                    variant="secondary"
                    aria-label={t('emails.resendTo', { to: email.to, subject: email.subject })}
                    onPress={() =>
                      void run(() => resend({ variables: { id: email.id } })).then((problem) => {
                        if (!problem) onResent?.();
                      })
                    }
                  >
                    {t('emails.resend')}
                  </Button>
                ),
            },
          ]}
        />
      </div>
    </>
  );
}
