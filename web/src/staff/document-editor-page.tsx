import { useMutation, useQuery } from '@apollo/client/react';
import { CURRENCIES } from '@portico/money';
import { useEffect, useState, type FormEvent } from 'react';
import { Form, Label, TextArea, TextField } from 'react-aria-components';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { reportOf } from '../api/errors';
import { TYPE_LABELS } from '../documents/document-labels';
import { DOCUMENT_TYPES } from '../documents/list-params';
import { useFormats } from '../format/formats';
import { Button, Field, FormProblem } from '../forms/fields';
import { ConfirmButton } from '../forms/confirm-dialog';
import { SelectField } from '../forms/select-field';
import { inViewersWords } from '../forms/server-words';
import { useSubmission } from '../forms/use-submission';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';
import { NotFoundPage } from '../pages/not-found-page';
import { CustomerPicker } from './customer-picker';
import {
  documentInputOf,
  draftTotals,
  EMPTY_LINE,
  newDocumentDraft,
  type DocumentDraft,
  type LineDraft,
} from './document-draft';
import { IssueQuestion } from './issue-question';

const DraftQuery = graphql(`
  query DocumentDraft($id: ID!) {
    document(id: $id) {
      id
      status
      type
      currency
      issueDate
      dueDate
      project
      notes
      customer {
        id
      }
      lines {
        description
        quantity
        unitPrice
        taxRate
      }
    }
  }
`);

const CreateDocument = graphql(`
  mutation CreateDocument($input: DocumentInput!) {
    createDocument(input: $input) {
      id
    }
  }
`);

const UpdateDocument = graphql(`
  mutation UpdateDocument($id: ID!, $input: DocumentInput!) {
    updateDocument(id: $id, input: $input) {
      id
    }
  }
`);

const IssueDocument = graphql(`
  mutation IssueDocument($id: ID!) {
    issueDocument(id: $id) {
      id
      number
      status
    }
  }
`);

/** `/documents/new`: a draft for the customer named in `?customer=`, or for one chosen here. */
export function NewDocumentPage() {
  const [params] = useSearchParams();
  return <DocumentEditor initial={newDocumentDraft(params.get('customer') ?? '')} id={null} />;
}

/** `/documents/:id/edit`: a saved draft (an issued document is changed by voiding it). */
export function EditDocumentPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(DraftQuery, { variables: { id } });
  if (error) return <FormProblem report={reportOf(error)} onRetry={() => void refetch()} />;
  if (!data) return <p role="status">{t('state.loading')}</p>;
  const doc = data.document;
  if (!doc || doc.status !== 'DRAFT') return <NotFoundPage embedded />;
  return (
    <DocumentEditor
      id={doc.id}
      initial={{
        customerId: doc.customer.id,
        type: doc.type,
        currency: doc.currency,
        issueDate: doc.issueDate ?? '',
        dueDate: doc.dueDate ?? '',
        project: doc.project ?? '',
        notes: doc.notes ?? '',
        lines: doc.lines.map(({ description, quantity, unitPrice, taxRate }) => ({
          description,
          quantity,
          unitPrice,
          taxRate,
        })),
      }}
    />
  );
}

const LINE_FIELDS: {
  field: keyof LineDraft;
  label: 'line.description' | 'line.quantity' | 'line.unitPrice' | 'line.taxRate';
}[] = [
  { field: 'description', label: 'line.description' },
  { field: 'quantity', label: 'line.quantity' },
  { field: 'unitPrice', label: 'line.unitPrice' },
  { field: 'taxRate', label: 'line.taxRate' },
];

/**
 * The document editor: customer, type, currency, dates, project, notes and lines. Each line's
 * net, tax and gross, and the document's totals, follow the typing with the server's own
 * rounding (`@portico/money`). Save keeps a draft; Issue numbers and sends it, after a question.
 */
function DocumentEditor({ initial, id }: { initial: DocumentDraft; id: string | null }) {
  const t = useT();
  const f = useFormats();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(initial);
  const [savedId, setSavedId] = useState(id);
  const [customerMissing, setCustomerMissing] = useState(false);
  const [create] = useMutation(CreateDocument);
  const [update] = useMutation(UpdateDocument);
  const [issue] = useMutation(IssueDocument);
  const { report, saved, run } = useSubmission();
  // A new draft's first save moves to its own address; the page there says it was saved.
  const arrivedSaved = (useLocation().state as { saved?: boolean } | null)?.saved === true;
  const [busy, setBusy] = useState(false);
  const priced = draftTotals(draft);
  // A line just added gets the focus, so typing goes on there (keyboard users above all).
  const [addedLine, setAddedLine] = useState<number | null>(null);
  useEffect(() => {
    if (addedLine !== null) document.getElementById(`line-${addedLine}-description`)?.focus();
  }, [addedLine]);

  // Changed since the last save: "Draft saved." no longer holds.
  const [changed, setChanged] = useState(false);
  const set = <K extends keyof DocumentDraft>(field: K, value: DocumentDraft[K]) => {
    setChanged(true);
    setDraft((current) => ({ ...current, [field]: value }));
  };
  const setLine = (index: number, field: keyof LineDraft, value: string) => {
    setChanged(true);
    setDraft((current) => ({
      ...current,
      lines: current.lines.map((line, i) => (i === index ? { ...line, [field]: value } : line)),
    }));
  };
  const errorOf = (field: string) => {
    const own = priced.errors[field];
    return report?.fields[field] ?? (own ? inViewersWords(own, t) : undefined);
  };

  /**
   * Saves the draft (creating it the first time); resolves to its id, or null when refused. A
   * new draft's address then names it (`/documents/:id/edit`), unless issuing follows at once.
   */
  const save = async ({ thenIssue = false } = {}): Promise<string | null> => {
    if (!draft.customerId) {
      setCustomerMissing(true);
      return null;
    }
    setBusy(true);
    let documentId = savedId;
    const problem = await run(async () => {
      const input = documentInputOf(draft);
      if (documentId) await update({ variables: { id: documentId, input } });
      else documentId = (await create({ variables: { input } })).data!.createDocument.id;
    });
    setBusy(false);
    if (problem || !documentId) return null;
    setChanged(false);
    setSavedId(documentId);
    if (!savedId && !thenIssue)
      void navigate(`/documents/${documentId}/edit`, { replace: true, state: { saved: true } });
    return documentId;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };
  const saveAndIssue = async () => {
    const documentId = await save({ thenIssue: true });
    if (!documentId) return false;
    setBusy(true);
    const problem = await run(() => issue({ variables: { id: documentId } }));
    setBusy(false);
    if (problem) return false;
    void navigate(`/documents/${documentId}`, { replace: true });
  };
  const money = (amount: string | undefined) => (amount ? f.money(amount, draft.currency) : '–');

  return (
    <div className="page">
      <p>
        <Link to="/documents">{t('document.back')}</Link>
      </p>
      <h1>{savedId ? t('editor.editTitle') : t('editor.newTitle')}</h1>
      <Form onSubmit={submit} className="stack editor" validationBehavior="aria">
        <div className="editor-head">
          <CustomerPicker
            value={draft.customerId}
            onChange={(customerId) => {
              set('customerId', customerId);
              setCustomerMissing(false);
            }}
            error={customerMissing ? t('editor.chooseCustomer') : errorOf('input.customerId')}
          />
          <SelectField
            label={t('column.type')}
            value={draft.type}
            onChange={(type) => set('type', type)}
            options={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(TYPE_LABELS[type]) }))}
            error={errorOf('input.type')}
          />
          <SelectField
            label={t('column.currency')}
            value={draft.currency}
            onChange={(currency) => set('currency', currency)}
            options={CURRENCIES.map((code) => ({ value: code, label: code }))}
            error={errorOf('input.currency')}
          />
          <Field
            label={t('editor.issueDate')}
            type="date"
            value={draft.issueDate}
            onChange={(value) => set('issueDate', value)}
            error={errorOf('input.issueDate')}
          />
          <Field
            label={t('editor.dueDate')}
            type="date"
            value={draft.dueDate}
            onChange={(value) => set('dueDate', value)}
            error={errorOf('input.dueDate')}
          />
          <Field
            label={t('document.project')}
            value={draft.project}
            onChange={(value) => set('project', value)}
            error={errorOf('input.project')}
          />
        </div>

        <fieldset className="card-section">
          <legend>{t('document.lines')}</legend>
          {draft.lines.map((line, index) => {
            const amounts = priced.lines[index];
            return (
              <fieldset key={index} className="line-editor">
                <legend>{t('editor.line', { number: index + 1 })}</legend>
                {LINE_FIELDS.map(({ field, label }) => (
                  <Field
                    key={field}
                    label={t(label)}
                    value={line[field]}
                    onChange={(value) => setLine(index, field, value)}
                    id={`line-${index}-${field}`}
                    inputMode={field === 'description' ? undefined : 'decimal'}
                    error={errorOf(`input.lines.${index}.${field}`)}
                  />
                ))}
                <dl className="line-amounts">
                  <div>
                    <dt>{t('column.net')}</dt>
                    <dd>{money(amounts?.net)}</dd>
                  </div>
                  <div>
                    <dt>{t('column.vat')}</dt>
                    <dd>{money(amounts?.tax)}</dd>
                  </div>
                  <div>
                    <dt>{t('column.gross')}</dt>
                    <dd>{money(amounts?.gross)}</dd>
                  </div>
                </dl>
                {draft.lines.length > 1 && (
                  <Button
                    variant="secondary"
                    onPress={() =>
                      set(
                        'lines',
                        draft.lines.filter((_, i) => i !== index),
                      )
                    }
                  >
                    {t('editor.removeLine', { number: index + 1 })}
                  </Button>
                )}
              </fieldset>
            );
          })}
          {errorOf('input.lines') && <p className="field-error">{errorOf('input.lines')}</p>}
          <Button
            variant="secondary"
            onPress={() => {
              set('lines', [...draft.lines, { ...EMPTY_LINE }]);
              setAddedLine(draft.lines.length);
            }}
          >
            {t('editor.addLine')}
          </Button>
        </fieldset>

        <dl className="amounts editor-totals" aria-live="polite" aria-atomic="true">
          <div>
            <dt>{t('column.net')}</dt>
            <dd>{money(priced.totals?.net)}</dd>
          </div>
          <div>
            <dt>{t('column.vat')}</dt>
            <dd>{money(priced.totals?.tax)}</dd>
          </div>
          <div className="strong">
            <dt>{t('column.gross')}</dt>
            <dd>{money(priced.totals?.gross)}</dd>
          </div>
        </dl>

        <TextField
          className="field"
          value={draft.notes}
          onChange={(value) => set('notes', value)}
          isInvalid={Boolean(errorOf('input.notes'))}
        >
          <Label>{t('editor.notes')}</Label>
          <TextArea rows={3} />
        </TextField>

        <FormProblem report={report} onRetry={() => void save()} />
        {(saved || arrivedSaved) && !changed && !report && !busy && (
          <p role="status">{t('editor.saved')}</p>
        )}
        <div className="actions">
          <Button type="submit" variant="secondary" isDisabled={busy}>
            {t('editor.saveDraft')}
          </Button>
          <ConfirmButton
            label={t('editor.issue')}
            title={t('editor.issueTitle', { type: t(TYPE_LABELS[draft.type]) })}
            confirmLabel={t('editor.issue')}
            variant="primary"
            isDisabled={busy}
            onConfirm={saveAndIssue}
          >
            <IssueQuestion type={draft.type} gross={money(priced.totals?.gross)} />
            <FormProblem report={report} />
          </ConfirmButton>
        </div>
      </Form>
    </div>
  );
}
