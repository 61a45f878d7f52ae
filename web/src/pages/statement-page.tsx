import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { reportOf } from '../api/errors';
import { TotalsList } from '../documents/totals-list';
import { DocumentTable } from '../documents/document-table';
import { downloadFile, FileNotReady, whenFileReady } from '../documents/file-download';
import { useSubmission } from '../forms/use-submission';
import { useCan } from '../session/viewer';
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

const RequestStatementDownload = graphql(`
  mutation RequestStatementDownload {
    requestStatementDownload {
      url
    }
  }
`);

/** The statement as the PDF the business would email: requested, rendered, then saved. */
function DownloadStatement() {
  const t = useT();
  const [request] = useMutation(RequestStatementDownload);
  const [preparing, setPreparing] = useState(false);
  const [slow, setSlow] = useState(false);
  const { report, run } = useSubmission();
  const start = async () => {
    setPreparing(true);
    setSlow(false);
    await run(async () => {
      const { data } = await request();
      const url = data!.requestStatementDownload.url;
      try {
        await whenFileReady(url);
      } catch (error) {
        if (error instanceof FileNotReady) return setSlow(true);
        throw error;
      }
      downloadFile(url);
    });
    setPreparing(false);
  };
  return (
    <>
      <Button isDisabled={preparing} onPress={() => void start()}>
        {t('document.download')}
      </Button>
      {preparing && <span role="status">{t('statement.preparing')}</span>}
      {slow && (
        <p role="alert" className="problem">
          {t('statement.slow')}
        </p>
      )}
      <FormProblem report={report} onRetry={() => void start()} />
    </>
  );
}

/** The contact's open items on one page: what is owed, per currency, as of today. */
export function StatementPage() {
  const t = useT();
  const f = useFormats();
  const { data, error, refetch } = useQuery(StatementQuery);
  const canDownload = useCan('DOWNLOAD_DOCUMENTS');
  if (error) return <FormProblem report={reportOf(error)} onRetry={() => void refetch()} />;
  const statement = data?.accountStatement;
  if (!statement) return <p role="status">{t('state.loading')}</p>;
  return (
    <div className="page">
      <h1>{t('statement.title')}</h1>
      <div className="actions no-print">
        {canDownload && <DownloadStatement />}
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
