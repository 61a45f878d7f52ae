import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { reportOf } from '../api/errors';
import { TotalsList } from '../documents/totals-list';
import { TYPE_LABELS } from '../documents/document-labels';
import { useFormats } from '../format/formats';
import { FormProblem } from '../forms/fields';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';

const StatementQuery = graphql(`
  query Statement {
    accountStatement {
      date
      customer {
        id
        displayName
      }
      totals {
        currency
        grossTotal
        paidTotal
        balanceDue
      }
      openDocuments {
        ...DocumentRow
      }
    }
  }
`);

/** The contact's open items on one page: what is owed, per currency, as of today. */
export function StatementPage() {
  const t = useT();
  const f = useFormats();
  const { data, error, refetch } = useQuery(StatementQuery);
  if (error) return <FormProblem report={reportOf(error)} onRetry={() => void refetch()} />;
  const statement = data?.accountStatement;
  if (!statement) return <p role="status">{t('state.loading')}</p>;
  return (
    <div className="page">
      <h1>{t('statement.title')}</h1>
      <p>
        {t('statement.asOf', {
          customer: statement.customer.displayName,
          date: f.date(statement.date),
        })}
      </p>
      <TotalsList totals={statement.totals} heading={t('statement.totals')} />
      {statement.openDocuments.length === 0 ? (
        <p className="empty">{t('statement.nothingOpen')}</p>
      ) : (
        <table className="documents">
          <thead>
            <tr>
              <th scope="col">{t('column.number')}</th>
              <th scope="col">{t('column.type')}</th>
              <th scope="col">{t('column.date')}</th>
              <th scope="col">{t('column.due')}</th>
              <th scope="col" className="numeric">
                {t('column.gross')}
              </th>
              <th scope="col" className="numeric">
                {t('column.paid')}
              </th>
              <th scope="col" className="numeric">
                {t('column.balanceDue')}
              </th>
            </tr>
          </thead>
          <tbody>
            {statement.openDocuments.map((doc) => (
              <tr key={doc.id}>
                <td data-label={t('column.number')}>
                  <Link to={`/documents/${doc.id}`}>{doc.number}</Link>
                </td>
                <td data-label={t('column.type')}>{t(TYPE_LABELS[doc.type])}</td>
                <td data-label={t('column.date')}>{f.date(doc.issueDate)}</td>
                <td data-label={t('column.due')}>{f.date(doc.dueDate)}</td>
                <td data-label={t('column.gross')} className="numeric">
                  {f.money(doc.grossTotal, doc.currency)}
                </td>
                <td data-label={t('column.paid')} className="numeric">
                  {f.money(doc.paidTotal, doc.currency)}
                </td>
                <td data-label={t('column.balanceDue')} className="numeric">
                  {f.money(doc.balanceDue, doc.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
