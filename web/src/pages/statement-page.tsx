import { useQuery } from '@apollo/client/react';
import { reportOf } from '../api/errors';
import { TotalsList } from '../documents/totals-list';
import { DocumentTable } from '../documents/document-table';
import { useFormats } from '../format/formats';
import { Button, FormProblem } from '../forms/fields';
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
      <div className="actions no-print">
        {/* The print stylesheet leaves the letterhead and the statement; "Save as PDF" keeps it. */}
        <Button variant="secondary" onPress={() => window.print()}>
          {t('statement.print')}
        </Button>
      </div>
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
        <DocumentTable
          rows={statement.openDocuments}
          columns={['number', 'type', 'date', 'due', 'gross', 'paid', 'balanceDue']}
          caption={t('statement.title')}
        />
      )}
    </div>
  );
}
