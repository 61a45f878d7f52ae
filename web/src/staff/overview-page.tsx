import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { reportOf } from '../api/errors';
import { useFormats } from '../format/formats';
import { FormProblem } from '../forms/fields';
import { DOCUMENT_STATUSES, paramsFromView } from '../documents/list-params';
import { graphql } from '../gql';
import type { DocumentFilter, DocumentSort } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { managesOrganization, useUser } from '../session/use-session';

const Overview = graphql(`
  query Overview($issuedThisMonth: DocumentFilter!, $weekAgo: String!, $withEmails: Boolean!) {
    open: documents(filter: { paymentStates: [UNPAID, PARTIALLY_PAID, OVERDUE] }, first: 1) {
      totalCount
      totals {
        currency
        balanceDue
      }
    }
    overdue: documents(filter: { paymentStates: [OVERDUE] }, first: 1) {
      totalCount
      totals {
        currency
        balanceDue
      }
    }
    issued: documents(filter: $issuedThisMonth, first: 1) {
      totalCount
    }
    invited: portalAccesses(status: INVITED, first: 1) {
      totalCount
    }
    failed: emailHistory(status: FAILED, since: $weekAgo, first: 1) @include(if: $withEmails) {
      totalCount
    }
  }
`);

const day = (date: Date) => date.toISOString().slice(0, 10);

const NEWEST: DocumentSort = { field: 'ISSUE_DATE', direction: 'DESC' };

/** What needs attention today, each figure a link to the list behind it. */
export function OverviewPage() {
  const t = useT();
  const f = useFormats();
  const user = useUser();
  const now = new Date();
  // Issued (any status but draft) with an issue date in this calendar month.
  const issuedThisMonth: DocumentFilter = {
    issueDateFrom: day(new Date(Date.UTC(now.getFullYear(), now.getMonth(), 1))),
    issueDateTo: day(new Date(Date.UTC(now.getFullYear(), now.getMonth() + 1, 0))),
    statuses: DOCUMENT_STATUSES.filter((status) => status !== 'DRAFT'),
  };
  // A day's precision keeps the query (and its cache entry) the same all day.
  const weekAgo = `${day(new Date(now.getTime() - 7 * 86_400_000))}T00:00:00Z`;
  const withEmails = managesOrganization(user);
  const { data, error, refetch } = useQuery(Overview, {
    variables: { issuedThisMonth, weekAgo, withEmails },
  });
  if (error) return <FormProblem report={reportOf(error)} onRetry={() => void refetch()} />;
  if (!data) return <p role="status">{t('state.loading')}</p>;
  const amounts = (totals: { currency: string; balanceDue: string }[]) =>
    totals.length === 0
      ? f.money('0', 'EUR')
      : totals.map((x) => f.money(x.balanceDue, x.currency)).join(' · ');
  const open =
    '/documents?payment=UNPAID&payment=PARTIALLY_PAID&payment=OVERDUE&sort=DUE_DATE&dir=asc';
  return (
    <div className="page">
      <h1>{t('overview.title')}</h1>
      <ul className="tiles">
        <li>
          <Link to={open}>
            <span className="tile-label">
              {t('overview.open', { count: data.open.totalCount })}
            </span>
            <span className="tile-figure">{amounts(data.open.totals)}</span>
          </Link>
        </li>
        <li>
          <Link to="/documents?payment=OVERDUE&sort=DUE_DATE&dir=asc">
            <span className="tile-label">
              {t('overview.overdue', { count: data.overdue.totalCount })}
            </span>
            <span className="tile-figure">{amounts(data.overdue.totals)}</span>
          </Link>
        </li>
        <li>
          <Link
            to={`/documents?${paramsFromView({ filter: issuedThisMonth, sort: NEWEST, after: null })}`}
          >
            <span className="tile-label">{t('overview.issued')}</span>
            <span className="tile-figure">{data.issued.totalCount}</span>
          </Link>
        </li>
        <li>
          <Link to="/contacts?status=INVITED">
            <span className="tile-label">{t('overview.invited')}</span>
            <span className="tile-figure">{data.invited.totalCount}</span>
          </Link>
        </li>
        {data.failed && (
          <li>
            <Link to={`/emails?status=FAILED&since=${encodeURIComponent(weekAgo)}`}>
              <span className="tile-label">{t('overview.failed')}</span>
              <span className="tile-figure">{data.failed.totalCount}</span>
            </Link>
          </li>
        )}
      </ul>
    </div>
  );
}
