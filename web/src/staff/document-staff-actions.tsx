import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { CheckboxChoices } from '../forms/checkbox-choices';
import { Link } from 'react-router';
import { Button, Field, FormProblem } from '../forms/fields';
import { ConfirmButton, DialogButton } from '../forms/confirm-dialog';
import { useSubmission } from '../forms/use-submission';
import { graphql } from '../gql';
import type { DocumentStatus, DocumentType, PaymentState } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { managesOrganization, useUser } from '../session/use-session';
import { StaffMessages } from './staff-messages';
import { TYPE_LABELS } from '../documents/document-labels';
import { decimalOf } from './document-draft';
import { IssueQuestion } from './issue-question';

const IssueDraft = graphql(`
  mutation IssueDraft($id: ID!) {
    issueDocument(id: $id) {
      id
      number
      status
      paymentState
    }
  }
`);

const RecordPayment = graphql(`
  mutation RecordPayment($documentId: ID!, $input: PaymentInput!) {
    recordPayment(documentId: $documentId, input: $input) {
      id
      status
      paymentState
      paidTotal
      balanceDue
    }
  }
`);

const VoidDocument = graphql(`
  mutation VoidDocument($id: ID!, $reason: String!) {
    voidDocument(id: $id, reason: $reason) {
      id
      status
      voidReason
    }
  }
`);

const SetShared = graphql(`
  mutation SetDocumentShared($id: ID!, $shared: Boolean!) {
    setDocumentShared(id: $id, shared: $shared) {
      id
      shared
    }
  }
`);

export interface StaffDocument {
  id: string;
  type: DocumentType;
  status: DocumentStatus;
  paymentState?: PaymentState | null;
  shared: boolean;
  grossTotal: string;
  currency: string;
}

const Processors = graphql(`
  query DocumentProcessors($id: ID!) {
    document(id: $id) {
      id
      processors {
        id
      }
    }
    staffUsers {
      id
      email
      firstName
      lastName
      role
      disabled
    }
  }
`);

const SetProcessors = graphql(`
  mutation SetDocumentProcessors($id: ID!, $userIds: [ID!]!) {
    setDocumentProcessors(id: $id, userIds: $userIds) {
      id
      processors {
        id
      }
    }
  }
`);

const today = () => new Date().toISOString().slice(0, 10);

/**
 * What staff do with a document on its page: edit and issue a draft; record a payment, void,
 * share or unshare an issued one. Loaded for staff only, with the rest of the staff area.
 */
export default function DocumentStaffActions(props: Parameters<typeof StaffActions>[0]) {
  return (
    <StaffMessages>
      <StaffActions {...props} />
    </StaffMessages>
  );
}

function StaffActions({
  doc,
  gross,
  onChange,
}: {
  doc: StaffDocument;
  /** The gross total, formatted for the viewer. */
  gross: string;
  onChange(): void;
}) {
  const t = useT();
  const [issue] = useMutation(IssueDraft);
  const [setShared, sharing] = useMutation(SetShared);
  const { report, run } = useSubmission();
  const draft = doc.status === 'DRAFT';
  const user = useUser();
  // Processors are set by owners and admins (who alone may list the staff).
  const mayManage = managesOrganization(user);
  return (
    <section aria-label={t('staffDocument.actions')} className="staff-actions">
      <div className="actions">
        {draft && (
          <>
            <Link className="button button-secondary" to={`/documents/${doc.id}/edit`}>
              {t('staffDocument.edit')}
            </Link>
            <ConfirmButton
              label={t('editor.issue')}
              title={t('editor.issueTitle', { type: t(TYPE_LABELS[doc.type]) })}
              confirmLabel={t('editor.issue')}
              variant="primary"
              onConfirm={async () => {
                const problem = await run(() => issue({ variables: { id: doc.id } }));
                onChange();
                return problem === null;
              }}
            >
              <IssueQuestion type={doc.type} gross={gross} />
              <FormProblem report={report} />
            </ConfirmButton>
          </>
        )}
        {!draft && doc.paymentState && doc.status !== 'VOID' && (
          <DialogButton label={t('payment.record')} title={t('payment.record')} variant="primary">
            {(close) => (
              <PaymentForm
                documentId={doc.id}
                currency={doc.currency}
                onSaved={() => {
                  close();
                  onChange();
                }}
              />
            )}
          </DialogButton>
        )}
        {!draft && doc.status !== 'VOID' && (
          <DialogButton label={t('staffDocument.void')} title={t('staffDocument.voidTitle')}>
            {(close) => (
              <VoidForm
                documentId={doc.id}
                onVoided={() => {
                  close();
                  onChange();
                }}
              />
            )}
          </DialogButton>
        )}
        <Button
          variant="secondary"
          isDisabled={sharing.loading}
          onPress={() =>
            void run(() => setShared({ variables: { id: doc.id, shared: !doc.shared } }))
          }
        >
          {doc.shared ? t('staffDocument.unshare') : t('staffDocument.share')}
        </Button>
      </div>
      <p className="muted">
        {doc.shared ? t('staffDocument.shared') : t('staffDocument.notShared')}
      </p>
      <FormProblem report={report} />
      {mayManage && (
        <DialogButton label={t('processors.edit')} title={t('processors.title')}>
          {(close) => <ProcessorsForm documentId={doc.id} onSaved={close} />}
        </DialogButton>
      )}
    </section>
  );
}

function PaymentForm({
  documentId,
  currency,
  onSaved,
}: {
  documentId: string;
  currency: string;
  onSaved(): void;
}) {
  const t = useT();
  const [draft, setDraft] = useState({ amount: '', date: today(), method: '', reference: '' });
  const [record, { loading }] = useMutation(RecordPayment);
  const { report, run } = useSubmission();
  const set = (field: keyof typeof draft) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await run(() =>
      record({
        variables: {
          documentId,
          input: {
            amount: decimalOf(draft.amount),
            date: draft.date,
            method: draft.method.trim() || null,
            reference: draft.reference.trim() || null,
          },
        },
      }),
    );
    if (!problem) onSaved();
  };
  const error = (field: string) => report?.fields[`input.${field}`];
  return (
    <Form onSubmit={save} className="stack" validationBehavior="aria">
      <Field
        label={t('payment.amount')}
        value={draft.amount}
        onChange={set('amount')}
        inputMode="decimal"
        isRequired
        autoFocus
        description={currency}
        error={error('amount')}
      />
      <Field
        label={t('payment.date')}
        type="date"
        value={draft.date}
        onChange={set('date')}
        isRequired
        error={error('date')}
      />
      <Field
        label={t('payment.method')}
        value={draft.method}
        onChange={set('method')}
        description={t('payment.methodHint')}
        error={error('method')}
      />
      <Field
        label={t('payment.reference')}
        value={draft.reference}
        onChange={set('reference')}
        error={error('reference')}
      />
      <FormProblem report={report} />
      <Button type="submit" isDisabled={loading}>
        {t('action.save')}
      </Button>
    </Form>
  );
}

/** Specialists who work on this document without administering its customer. */
function ProcessorsForm({ documentId, onSaved }: { documentId: string; onSaved(): void }) {
  const t = useT();
  const { data } = useQuery(Processors, { variables: { id: documentId } });
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [save, { loading }] = useMutation(SetProcessors);
  const { report, run } = useSubmission();
  if (!data?.document) return <p role="status">{t('state.loading')}</p>;
  const specialists = data.staffUsers.filter((u) => u.role === 'SPECIALIST' && !u.disabled);
  const value = chosen ?? data.document.processors.map((p) => p.id);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await run(() => save({ variables: { id: documentId, userIds: value } }));
    if (!problem) onSaved();
  };
  return (
    <Form onSubmit={submit} className="stack">
      {specialists.length === 0 ? (
        <p>{t('processors.none')}</p>
      ) : (
        <CheckboxChoices
          label={t('processors.who')}
          value={value}
          onChange={setChosen}
          options={specialists.map((s) => ({
            value: s.id,
            label: [s.firstName, s.lastName].filter(Boolean).join(' ') || s.email,
          }))}
        />
      )}
      <FormProblem report={report} />
      <Button type="submit" isDisabled={loading}>
        {t('action.save')}
      </Button>
    </Form>
  );
}

function VoidForm({ documentId, onVoided }: { documentId: string; onVoided(): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [voidDocument, { loading }] = useMutation(VoidDocument);
  const { report, run } = useSubmission();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await run(() => voidDocument({ variables: { id: documentId, reason } }));
    if (!problem) onVoided();
  };
  return (
    <Form onSubmit={save} className="stack" validationBehavior="aria">
      <p>{t('staffDocument.voidWhat')}</p>
      <Field
        label={t('staffDocument.reason')}
        value={reason}
        onChange={setReason}
        isRequired
        autoFocus
        error={report?.fields.reason}
      />
      <FormProblem report={report} />
      <Button type="submit" variant="danger" isDisabled={loading || !reason.trim()}>
        {t('staffDocument.voidConfirm')}
      </Button>
    </Form>
  );
}
