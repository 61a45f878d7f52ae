import { useQuery } from '@apollo/client/react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { reportOf } from '../api/errors';
import { DocumentFilters } from '../documents/document-filters';
import { CONTACT_COLUMNS, DocumentTable, STAFF_COLUMNS } from '../documents/document-table';
import {
  PAGE_SIZE,
  paramsFromView,
  toggledSort,
  viewFromParams,
  type ListView,
} from '../documents/list-params';
import { TotalsList } from '../documents/totals-list';
import { Button, FormProblem } from '../forms/fields';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';
import { useUser } from '../session/use-session';

const DocumentList = graphql(`
  query DocumentList($filter: DocumentFilter, $sort: DocumentSort, $first: Int, $after: String) {
    documents(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      totals {
        currency
        grossTotal
        paidTotal
        balanceDue
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...DocumentRow
        }
      }
    }
  }
`);

export function DocumentsPage() {
  const t = useT();
  const user = useUser();
  const staff = user.kind === 'STAFF';
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const view = viewFromParams(params);
  const { data, previousData, error, loading, refetch } = useQuery(DocumentList, {
    variables: { filter: view.filter, sort: view.sort, first: PAGE_SIZE, after: view.after },
  });
  const list = (data ?? previousData)?.documents;
  const show = (next: ListView, state?: unknown) =>
    navigate({ search: paramsFromView(next).toString() }, { state });
  const fromPage = (location.state as { fromPage?: boolean } | null)?.fromPage === true;

  return (
    <div className="page">
      <div className="page-heading">
        <h1>{t('documents.title')}</h1>
        {staff && (
          <Link className="button button-primary" to="/documents/new">
            {t('documents.new')}
          </Link>
        )}
      </div>
      <details className="filter-panel" open={Object.keys(view.filter).length > 0}>
        <summary>{t('filters.title')}</summary>
        <DocumentFilters
          key={params.toString()}
          filter={view.filter}
          onApply={(filter) => show({ ...view, filter, after: null })}
          withStatus={staff}
        />
      </details>
      <FormProblem report={error ? reportOf(error) : null} onRetry={() => void refetch()} />
      {list && (
        <>
          <p role="status" className="count">
            {loading ? t('state.loading') : t('documents.count', { count: list.totalCount })}
          </p>
          <TotalsList totals={list.totals} heading={t('documents.totals')} />
          {list.edges.length === 0 ? (
            <p className="empty">{t('documents.empty')}</p>
          ) : (
            <DocumentTable
              rows={list.edges.map(({ node }) => node)}
              columns={staff ? STAFF_COLUMNS : CONTACT_COLUMNS}
              caption={t('documents.title')}
              sorting={{
                current: view.sort,
                onSort: (field) =>
                  void show({ ...view, sort: toggledSort(view.sort, field), after: null }),
              }}
            />
          )}
          <nav aria-label={t('documents.pages')} className="pager">
            {view.after &&
              (fromPage ? (
                <Button variant="secondary" onPress={() => navigate(-1)}>
                  {t('documents.previous')}
                </Button>
              ) : (
                <Link to={{ search: paramsFromView({ ...view, after: null }).toString() }}>
                  {t('documents.first')}
                </Link>
              ))}
            {list.pageInfo.hasNextPage && list.pageInfo.endCursor && (
              <Link
                to={{
                  search: paramsFromView({ ...view, after: list.pageInfo.endCursor }).toString(),
                }}
                state={{ fromPage: true }}
              >
                {t('documents.next')}
              </Link>
            )}
          </nav>
        </>
      )}
      {!list && !error && <p role="status">{t('state.loading')}</p>}
    </div>
  );
}
