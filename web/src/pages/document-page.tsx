import { useMutation, useQuery } from '@apollo/client/react';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { Form, Label, TextArea, TextField } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { reportOf } from '../api/errors';
import { useSubmission } from '../forms/use-submission';
import { PAYMENT_LABELS, STATUS_LABELS, TYPE_LABELS } from '../documents/document-labels';
import { taxBreakdown } from '../documents/tax-breakdown';
import { useFormats } from '../format/formats';
import { Button, FormProblem } from '../forms/fields';
import { graphql } from '../gql';
import type { EstimateDecision } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { useUser } from '../session/use-session';
import { useCan } from '../session/viewer';
import { NotFoundPage } from './not-found-page';
import { downloadFile } from '../documents/file-download';
import { LabelledTable } from '../layout/labelled-table';

// Staff's controls come with the staff area's code, which contacts never load.
const DocumentStaffActions = lazy(() => import('../staff/document-staff-actions'));

const DocumentPageQuery = graphql(`
  query DocumentPage($id: ID!, $withPayments: Boolean!) {
    document(id: $id) {
      ...DocumentRow
      project
      notes
      shared
      voidReason
      retrievalCount
      firstRetrievedAt
      customer {
        id
        displayName
      }
      lines {
        description
        quantity
        unitPrice
        taxRate
        netAmount
        taxAmount
        grossAmount
      }
      payments @include(if: $withPayments) {
        id
        amount
        date
        method
        reference
      }
      comments {
        id
        body
        createdAt
        author {
          id
          firstName
          lastName
        }
      }
    }
  }
`);

const RequestDownload = graphql(`
  mutation RequestDocumentDownload($id: ID!) {
    requestDocumentDownload(id: $id) {
      url
    }
  }
`);

const AddComment = graphql(`
  mutation AddDocumentComment($documentId: ID!, $body: String!) {
    addDocumentComment(documentId: $documentId, body: $body) {
      id
    }
  }
`);

const RespondToEstimate = graphql(`
  mutation RespondToEstimate($id: ID!, $decision: EstimateDecision!, $comment: String) {
    respondToEstimate(id: $id, decision: $decision, comment: $comment) {
      id
      status
    }
  }
`);

export function DocumentPage() {
  const t = useT();
  const f = useFormats();
  const user = useUser();
  const { id = '' } = useParams();
  const canPay = useCan('VIEW_PAYMENTS');
  const canDownload = useCan('DOWNLOAD_DOCUMENTS');
  const canComment = useCan('COMMENT');
  const canRespond = useCan('RESPOND_TO_ESTIMATES') && user.kind === 'CONTACT';
  const { data, error, loading, refetch } = useQuery(DocumentPageQuery, {
    variables: { id, withPayments: canPay },
  });
  const [requestDownload, downloading] = useMutation(RequestDownload);
  const [addComment, commenting] = useMutation(AddComment);
  const [respond, responding] = useMutation(RespondToEstimate);
  const [comment, setComment] = useState('');
  const [answerNote, setAnswerNote] = useState('');
  const { report, run: act } = useSubmission();

  if (loading && !data) return <p role="status">{t('state.loading')}</p>;
  if (error) return <FormProblem report={reportOf(error)} onRetry={() => void refetch()} />;
  const doc = data?.document;
  if (!doc) return <NotFoundPage embedded />;

  const postComment = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await act(() =>
      addComment({ variables: { documentId: doc.id, body: comment } }),
    );
    if (!problem) {
      setComment('');
      await refetch();
    }
  };
  const answer = (decision: EstimateDecision) =>
    act(async () => {
      await respond({ variables: { id: doc.id, decision, comment: answerNote || null } });
      setAnswerNote('');
      await refetch();
    });
  const openEstimate = doc.type === 'ESTIMATE' && doc.status === 'ISSUED';
  const money = (amount: string) => f.money(amount, doc.currency);

  return (
    <article className="page document">
      <p>
        <Link to="/documents">{t('document.back')}</Link>
      </p>
      <header className="document-header">
        <h1>
          {t(TYPE_LABELS[doc.type])} {doc.number ?? t('document.draft')}
        </h1>
        <p className="badges">
          <span className="badge">{t(STATUS_LABELS[doc.status])}</span>
          {doc.paymentState && doc.paymentState !== doc.status && (
            <span className={`badge badge-${doc.paymentState.toLowerCase()}`}>
              {t(PAYMENT_LABELS[doc.paymentState])}
            </span>
          )}
        </p>
        {canDownload && doc.status !== 'DRAFT' && (
          <Button
            isDisabled={downloading.loading}
            onPress={() =>
              void act(async () =>
                downloadFile(
                  (await requestDownload({ variables: { id: doc.id } })).data!
                    .requestDocumentDownload.url,
                ),
              )
            }
          >
            {t('document.download')}
          </Button>
        )}
      </header>
      <FormProblem report={report} />
      {user.kind === 'STAFF' && (
        <Suspense fallback={null}>
          <DocumentStaffActions
            doc={doc}
            gross={f.money(doc.grossTotal, doc.currency)}
            onChange={() => void refetch()}
          />
        </Suspense>
      )}
      {doc.voidReason && (
        <p className="notes">{t('document.voidReason', { reason: doc.voidReason })}</p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('document.customer')}</dt>
          <dd>
            {user.kind === 'STAFF' ? (
              <Link to={`/customers/${doc.customer.id}`}>{doc.customer.displayName}</Link>
            ) : (
              doc.customer.displayName
            )}
          </dd>
        </div>
        <div>
          <dt>{t('column.date')}</dt>
          <dd>{f.date(doc.issueDate)}</dd>
        </div>
        <div>
          <dt>{t('column.due')}</dt>
          <dd>{f.date(doc.dueDate)}</dd>
        </div>
        <div>
          <dt>{t('column.currency')}</dt>
          <dd>{doc.currency}</dd>
        </div>
        {doc.project && (
          <div>
            <dt>{t('document.project')}</dt>
            <dd>{doc.project}</dd>
          </div>
        )}
        <div>
          <dt>{t('column.retrieved')}</dt>
          <dd>
            {doc.lastRetrievedAt ? f.dateTime(doc.lastRetrievedAt) : t('documents.notRetrieved')}
            {user.kind === 'STAFF' && doc.retrievalCount > 0 && (
              <> ({t('document.retrievals', { count: doc.retrievalCount })})</>
            )}
          </dd>
        </div>
      </dl>
      {doc.notes && <p className="notes">{doc.notes}</p>}

      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">{t('document.lines')}</h2>
        <div className="table-scroll">
          <LabelledTable
            columns={[
              { label: t('line.description'), cell: (line) => line.description },
              { label: t('line.quantity'), numeric: true, cell: (line) => f.number(line.quantity) },
              { label: t('line.unitPrice'), numeric: true, cell: (line) => money(line.unitPrice) },
              { label: t('line.taxRate'), numeric: true, cell: (line) => f.percent(line.taxRate) },
              { label: t('column.net'), numeric: true, cell: (line) => money(line.netAmount) },
              { label: t('column.vat'), numeric: true, cell: (line) => money(line.taxAmount) },
              { label: t('column.gross'), numeric: true, cell: (line) => money(line.grossAmount) },
            ]}
            rows={doc.lines}
            rowKey={(_, index) => index}
          />
        </div>
        <div className="summary">
          <LabelledTable
            label={t('document.taxBreakdown')}
            columns={[
              { label: t('line.taxRate'), cell: (row) => f.percent(row.taxRate) },
              { label: t('column.net'), numeric: true, cell: (row) => money(row.net) },
              { label: t('column.vat'), numeric: true, cell: (row) => money(row.tax) },
            ]}
            rows={taxBreakdown(doc.lines)}
            rowKey={(row) => row.taxRate}
          />
          <dl className="amounts">
            <div>
              <dt>{t('column.net')}</dt>
              <dd>{money(doc.netTotal)}</dd>
            </div>
            <div>
              <dt>{t('column.vat')}</dt>
              <dd>{money(doc.taxTotal)}</dd>
            </div>
            <div>
              <dt>{t('column.gross')}</dt>
              <dd>{money(doc.grossTotal)}</dd>
            </div>
            <div>
              <dt>{t('column.paid')}</dt>
              <dd>{money(doc.paidTotal)}</dd>
            </div>
            <div className="strong">
              <dt>{t('column.balanceDue')}</dt>
              <dd>{money(doc.balanceDue)}</dd>
            </div>
          </dl>
        </div>
      </section>

      {openEstimate && canRespond && (
        <section aria-labelledby="answer-heading" className="answer">
          <h2 id="answer-heading">{t('estimate.heading')}</h2>
          <TextField className="field" value={answerNote} onChange={setAnswerNote}>
            <Label>{t('estimate.note')}</Label>
            <TextArea rows={2} />
          </TextField>
          <div className="actions">
            <Button isDisabled={responding.loading} onPress={() => void answer('ACCEPT')}>
              {t('estimate.accept')}
            </Button>
            <Button
              variant="secondary"
              isDisabled={responding.loading}
              onPress={() => void answer('DECLINE')}
            >
              {t('estimate.decline')}
            </Button>
          </div>
        </section>
      )}

      {canPay && doc.payments && (
        <section aria-labelledby="payments-heading">
          <h2 id="payments-heading">{t('document.payments')}</h2>
          {doc.payments.length === 0 ? (
            <p>{t('document.noPayments')}</p>
          ) : (
            <LabelledTable
              columns={[
                { label: t('payment.date'), cell: (payment) => f.date(payment.date) },
                {
                  label: t('payment.amount'),
                  numeric: true,
                  cell: (payment) => money(payment.amount),
                },
                { label: t('payment.method'), cell: (payment) => payment.method },
                { label: t('payment.reference'), cell: (payment) => payment.reference },
              ]}
              rows={doc.payments}
              rowKey={(payment) => payment.id}
            />
          )}
        </section>
      )}

      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t('document.comments')}</h2>
        {doc.comments.length === 0 ? (
          <p>{t('document.noComments')}</p>
        ) : (
          <ol className="comments">
            {doc.comments.map((c) => (
              <li key={c.id}>
                <p className="comment-meta">
                  <strong>
                    {[c.author.firstName, c.author.lastName].filter(Boolean).join(' ') ||
                      t('document.someone')}
                  </strong>{' '}
                  <time dateTime={c.createdAt}>{f.dateTime(c.createdAt)}</time>
                </p>
                <p className="comment-body">{c.body}</p>
              </li>
            ))}
          </ol>
        )}
        {canComment && (
          <Form onSubmit={postComment} className="stack">
            <TextField
              className="field"
              value={comment}
              onChange={setComment}
              isRequired
              isInvalid={Boolean(report?.fields.body)}
            >
              <Label>{t('document.comment')}</Label>
              <TextArea rows={3} />
            </TextField>
            {report?.fields.body && <p className="field-error">{report.fields.body}</p>}
            <Button type="submit" isDisabled={commenting.loading || !comment.trim()}>
              {t('document.postComment')}
            </Button>
          </Form>
        )}
      </section>
    </article>
  );
}
