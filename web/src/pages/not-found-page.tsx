import { Link } from 'react-router';
import { useT } from '../i18n/locale';

/** Unknown paths, and things this viewer may not see: the same words, no hint either exists. */
export function NotFoundPage({ embedded = false }: { embedded?: boolean }) {
  const t = useT();
  const body = (
    <div className="page not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link to="/documents">{t('notFound.back')}</Link>
    </div>
  );
  return embedded ? (
    body
  ) : (
    <main id="main" className="card">
      {body}
    </main>
  );
}
