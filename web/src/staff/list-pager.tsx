import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { reportOf } from '../api/errors';
import { FormProblem } from '../forms/fields';
import { useT } from '../i18n/locale';

/**
 * Forward paging for a staff list whose cursor lives in the URL (`after`), so Back returns to
 * the previous page and a page can be bookmarked.
 */
export function ListPager({
  after,
  endCursor,
}: {
  after: string | null;
  endCursor: string | null | undefined;
}) {
  const t = useT();
  const [params] = useSearchParams();
  const at = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set('after', cursor);
    else next.delete('after');
    return { search: next.toString() };
  };
  if (!after && !endCursor) return null;
  return (
    <nav aria-label={t('documents.pages')} className="pager">
      {after && <Link to={at(null)}>{t('documents.first')}</Link>}
      {endCursor && <Link to={at(endCursor)}>{t('documents.next')}</Link>}
    </nav>
  );
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * A staff list's result around its rows: the server's complaint (with a retry), the count
 * (announced as it changes), the rows, and the pager; "Loading…" until the first answer.
 */
export function PagedResult<List extends Page>({
  list,
  error,
  loading,
  onRetry,
  after,
  count,
  children,
}: {
  list: List | undefined;
  error: unknown;
  loading: boolean;
  onRetry(): void;
  after: string | null;
  count(total: number): string;
  children(list: List): ReactNode;
}) {
  const t = useT();
  return (
    <>
      <FormProblem report={error ? reportOf(error) : null} onRetry={onRetry} />
      {list ? (
        <>
          <p role="status" className="count">
            {loading ? t('state.loading') : count(list.totalCount)}
          </p>
          {children(list)}
          <ListPager
            after={after}
            endCursor={list.pageInfo.hasNextPage ? list.pageInfo.endCursor : null}
          />
        </>
      ) : (
        !error && <p role="status">{t('state.loading')}</p>
      )}
    </>
  );
}
