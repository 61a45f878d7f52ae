import { Link, useSearchParams } from 'react-router';
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
