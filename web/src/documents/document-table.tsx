import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useFormats } from '../format/formats';
import { graphql } from '../gql';
import type { DocumentRowFragment, DocumentSort, DocumentSortField } from '../gql/graphql';
import { useT, type MessageId } from '../i18n/locale';
import { PAYMENT_LABELS, STATUS_LABELS, TYPE_LABELS } from './document-labels';

/** The fields a row shows; the list and the statement ask for them through this fragment. */
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
    customer {
      id
      displayName
    }
  }
`);

interface Column {
  label: MessageId;
  /** The field the list sorts by when the header is clicked; null: not sortable. */
  sort: DocumentSortField | null;
  numeric?: boolean;
  cell(
    row: DocumentRowFragment,
    f: ReturnType<typeof useFormats>,
    t: ReturnType<typeof useT>,
  ): ReactNode;
}

const money = (amount: keyof DocumentRowFragment & `${string}Total`) => ({
  numeric: true,
  cell: (row: DocumentRowFragment, f: ReturnType<typeof useFormats>) =>
    f.money(row[amount], row.currency),
});

export const COLUMNS = {
  number: {
    label: 'column.number',
    sort: 'NUMBER',
    cell: (row, _f, t) => (
      <Link className="document-number" to={`/documents/${row.id}`}>
        {row.number ?? t('document.draft')}
      </Link>
    ),
  },
  customer: {
    label: 'document.customer',
    sort: null,
    cell: (row) => <Link to={`/customers/${row.customer.id}`}>{row.customer.displayName}</Link>,
  },
  status: {
    label: 'column.status',
    sort: null,
    cell: (row, _f, t) => t(STATUS_LABELS[row.status]),
  },
  date: { label: 'column.date', sort: 'ISSUE_DATE', cell: (row, f) => f.date(row.issueDate) },
  due: { label: 'column.due', sort: 'DUE_DATE', cell: (row, f) => f.date(row.dueDate) },
  type: { label: 'column.type', sort: 'TYPE', cell: (row, _f, t) => t(TYPE_LABELS[row.type]) },
  currency: { label: 'column.currency', sort: 'CURRENCY', cell: (row) => row.currency },
  net: { label: 'column.net', sort: 'NET_TOTAL', ...money('netTotal') },
  vat: { label: 'column.vat', sort: null, ...money('taxTotal') },
  gross: { label: 'column.gross', sort: 'GROSS_TOTAL', ...money('grossTotal') },
  paid: { label: 'column.paid', sort: 'PAID_TOTAL', ...money('paidTotal') },
  balanceDue: {
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
  retrieved: {
    label: 'column.retrieved',
    sort: 'RETRIEVED_AT',
    cell: (row, f, t) =>
      row.lastRetrievedAt ? f.date(row.lastRetrievedAt.slice(0, 10)) : t('documents.notRetrieved'),
  },
} satisfies Record<string, Column>;

export type ColumnName = keyof typeof COLUMNS;

/** What a contact's list shows: their customer is a given, and only issued documents reach them. */
export const CONTACT_COLUMNS: ColumnName[] = [
  'number',
  'date',
  'due',
  'type',
  'currency',
  'net',
  'vat',
  'gross',
  'paid',
  'balanceDue',
  'retrieved',
];

/** Staff see every customer's documents, drafts and void ones among them. */
export const STAFF_COLUMNS: ColumnName[] = [
  'number',
  'customer',
  'status',
  ...CONTACT_COLUMNS.filter((column) => column !== 'number'),
];

/**
 * Documents as a table: a header per column (a sort button where the list can sort by it), a
 * row per document. On a phone the stylesheet turns each row into a labelled list.
 */
export function DocumentTable({
  rows,
  columns,
  caption,
  sorting,
}: {
  rows: DocumentRowFragment[];
  columns: ColumnName[];
  caption: string;
  sorting?: { current: DocumentSort; onSort(field: DocumentSortField): void };
}) {
  const t = useT();
  const f = useFormats();
  const shown: Column[] = columns.map((name) => COLUMNS[name]);
  return (
    <table className="documents">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {shown.map((column) => {
            const sortable = sorting && column.sort;
            const sorted = sortable && sorting.current.field === column.sort;
            const ascending = sorting?.current.direction === 'ASC';
            return (
              <th
                key={column.label}
                scope="col"
                aria-sort={sorted ? (ascending ? 'ascending' : 'descending') : undefined}
                className={column.numeric ? 'numeric' : undefined}
              >
                {sortable ? (
                  <button
                    type="button"
                    className="sort"
                    onClick={() => sorting.onSort(column.sort!)}
                  >
                    {t(column.label)}
                    <span aria-hidden="true" className="sort-mark">
                      {sorted ? (ascending ? '▲' : '▼') : '↕'}
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
        {rows.map((row) => (
          <tr key={row.id}>
            {shown.map((column) => (
              <td
                key={column.label}
                data-label={t(column.label)}
                className={column.numeric ? 'numeric' : undefined}
              >
                {column.cell(row, f, t)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
