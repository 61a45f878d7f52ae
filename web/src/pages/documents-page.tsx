import { useQuery } from '@apollo/client/react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { reportOf } from '../api/errors';
import { DocumentFilters } from '../documents/document-filters';
import { PAYMENT_LABELS, TYPE_LABELS } from '../documents/document-labels';
import {
  PAGE_SIZE,
  paramsFromView,
  toggledSort,
  viewFromParams,
  type ListView,
} from '../documents/list-params';
import { TotalsList } from '../documents/totals-list';
import { useFormats } from '../format/formats';
import { Button, FormProblem } from '../forms/fields';
import { graphql } from '../gql';
import type { DocumentRowFragment, DocumentSortField } from '../gql/graphql';
import { useT, type MessageId } from '../i18n/locale';

export const DocumentRow = graphql(`
  fragment DocumentRow on Document {
    id
    number
    type
    status
    paymentState
    issueDate
    dueDate
    currency
    netTotal
    taxTotal
    grossTotal
    paidTotal
    balanceDue
    lastRetrievedAt
  }
`);

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

interface Column {
  label: MessageId;
  sort: DocumentSortField | null;
  numeric?: boolean;
  cell(
    row: DocumentRowFragment,
    f: ReturnType<typeof useFormats>,
    t: ReturnType<typeof useT>,
  ): React.ReactNode;
}

const COLUMNS: Column[] = [
  {
    label: 'column.number',
    sort: 'NUMBER',
    cell: (row) => <Link to={`/documents/${row.id}`}>{row.number}</Link>,
  },
  { label: 'column.date', sort: 'ISSUE_DATE', cell: (row, f) => f.date(row.issueDate) },
  { label: 'column.due', sort: 'DUE_DATE', cell: (row, f) => f.date(row.dueDate) },
  { label: 'column.type', sort: 'TYPE', cell: (row, _f, t) => t(TYPE_LABELS[row.type]) },
  { label: 'column.currency', sort: 'CURRENCY', cell: (row) => row.currency },
  {
    label: 'column.net',
    sort: 'NET_TOTAL',
    numeric: true,
    cell: (row, f) => f.money(row.netTotal, row.currency),
  },
  {
    label: 'column.vat',
    sort: null,
    numeric: true,
    cell: (row, f) => f.money(row.taxTotal, row.currency),
  },
  {
    label: 'column.gross',
    sort: 'GROSS_TOTAL',
    numeric: true,
    cell: (row, f) => f.money(row.grossTotal, row.currency),
  },
  {
    label: 'column.paid',
    sort: 'PAID_TOTAL',
    numeric: true,
    cell: (row, f) => f.money(row.paidTotal, row.currency),
  },
  {
    label: 'column.balanceDue',
    sort: 'BALANCE_DUE',
    numeric: true,
    cell: (row, f, t) => (
      <>
        {f.money(row.balanceDue, row.currency)}
        {row.paymentState === 'OVERDUE' && (
          <span className="badge badge-overdue">{t(PAYMENT_LABELS.OVERDUE)}</span>
        )}
      </>
    ),
  },
  {
    label: 'column.retrieved',
    sort: 'RETRIEVED_AT',
    cell: (row, f, t) =>
      row.lastRetrievedAt ? f.date(row.lastRetrievedAt.slice(0, 10)) : t('documents.notRetrieved'),
  },
];

export function DocumentsPage() {
  const t = useT();
  const f = useFormats();
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
      <h1>{t('documents.title')}</h1>
      <details className="filter-panel" open={Object.keys(view.filter).length > 0}>
        <summary>{t('filters.title')}</summary>
        <DocumentFilters
          key={params.toString()}
          filter={view.filter}
          onApply={(filter) => show({ ...view, filter, after: null })}
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
            <table className="documents">
              <caption className="visually-hidden">{t('documents.title')}</caption>
              <thead>
                <tr>
                  {COLUMNS.map((column) => {
                    const sorted = column.sort && view.sort.field === column.sort;
                    const ariaSort = sorted
                      ? view.sort.direction === 'ASC'
                        ? 'ascending'
                        : 'descending'
                      : undefined;
                    return (
                      <th
                        key={column.label}
                        scope="col"
                        aria-sort={ariaSort}
                        className={column.numeric ? 'numeric' : undefined}
                      >
                        {column.sort ? (
                          <button
                            type="button"
                            className="sort"
                            onClick={() =>
                              show({
                                ...view,
                                sort: toggledSort(view.sort, column.sort!),
                                after: null,
                              })
                            }
                          >
                            {t(column.label)}
                            <span aria-hidden="true" className="sort-mark">
                              {sorted ? (view.sort.direction === 'ASC' ? '▲' : '▼') : '↕'}
                            </span>
                          </button>
                        ) : (
                          t(column.label)
                        )}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {list.edges.map(({ node }) => (
                  <tr key={node.id}>
                    {COLUMNS.map((column) => (
                      <td
                        key={column.label}
                        data-label={t(column.label)}
                        className={column.numeric ? 'numeric' : undefined}
                      >
                        {column.cell(node, f, t)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
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
