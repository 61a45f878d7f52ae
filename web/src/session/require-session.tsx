import { useEffect, useState, type ReactNode } from 'react';
import { Navigate } from 'react-router';
import { Button } from '../forms/fields';
import { useT } from '../i18n/locale';
import { OfflineError } from '../api/graphql-request';
import { session } from './session-store';
import { signInPathFor } from './next-path';
import { useSession } from './use-session';

/**
 * Pages behind a session: a reload restores it through the cookie; without one (or once it
 * ended) the visitor goes to sign-in, and back here afterwards.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const t = useT();
  const state = useSession();
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    if (state.status !== 'unknown') return;
    session.refresh().catch((error: unknown) => {
      if (error instanceof OfflineError) setOffline(true);
    });
  }, [state.status]);
  // The address bar, not the rendered location: a navigation still in its transition (a sort
  // just clicked) is where the visitor was going, and where signing in brings them back.
  if (state.status === 'signed-out')
    return <Navigate to={signInPathFor(window.location)} replace />;
  if (state.status === 'unknown') {
    return (
      <main className="loading" id="main">
        {offline ? (
          <div role="alert" className="problem">
            <p>{t('error.network')}</p>
            <Button
              variant="secondary"
              onPress={() => {
                setOffline(false);
                void session.refresh().catch(() => setOffline(true));
              }}
            >
              {t('action.retry')}
            </Button>
          </div>
        ) : (
          <p role="status">{t('state.loading')}</p>
        )}
      </main>
    );
  }
  return children;
}
