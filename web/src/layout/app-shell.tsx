import { useMutation } from '@apollo/client/react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { client, sessionContext } from '../api/client';
import { BrandMark, usePortalBrand } from '../brand/portal-brand';
import { Button } from '../forms/fields';
import { LanguagePicker } from './language-picker';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';
import { session } from '../session/session-store';
import { managesOrganization, useUser } from '../session/use-session';
import { useCan, ViewerProvider } from '../session/viewer';

const SaveLanguage = graphql(`
  mutation SaveLanguage($locale: Locale!) {
    updateMyNotificationPreferences(input: { locale: $locale }) {
      locale
    }
  }
`);

const SignOut = graphql(`
  mutation SignOut {
    logout
  }
`);

function Navigation() {
  const t = useT();
  const user = useUser();
  const canSeeStatement = useCan('VIEW_STATEMENTS');
  return (
    <nav aria-label={t('nav.label')} className="nav">
      {user.kind === 'STAFF' && <NavLink to="/overview">{t('nav.overview')}</NavLink>}
      <NavLink to="/documents" end>
        {t('nav.documents')}
      </NavLink>
      {user.kind === 'CONTACT' && canSeeStatement && (
        <NavLink to="/statement">{t('nav.statement')}</NavLink>
      )}
      {user.kind === 'CONTACT' && <NavLink to="/customer">{t('nav.customer')}</NavLink>}
      {user.kind === 'STAFF' && (
        <>
          <NavLink to="/customers">{t('nav.customers')}</NavLink>
          <NavLink to="/contacts">{t('nav.contacts')}</NavLink>
          {/* The email history and the audit trail are the whole organization's. */}
          {managesOrganization(user) && (
            <>
              <NavLink to="/emails">{t('nav.emails')}</NavLink>
              <NavLink to="/audit">{t('nav.audit')}</NavLink>
              <NavLink to="/team">{t('nav.team')}</NavLink>
              <NavLink to="/settings">{t('nav.settings')}</NavLink>
              <NavLink to="/webhooks">{t('nav.webhooks')}</NavLink>
            </>
          )}
        </>
      )}
      <NavLink to="/profile">{t('nav.profile')}</NavLink>
    </nav>
  );
}

/** Every signed-in page: the organization, the navigation for the role, sign-out. */
export function AppShell() {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const [signOut, { loading }] = useMutation(SignOut, { context: sessionContext });
  const [saveLanguage] = useMutation(SaveLanguage);
  const brand = usePortalBrand(user.organization.id);
  const leave = async () => {
    // The cookie is cleared by the answer; the session ends here whatever the network says.
    await signOut().catch(() => undefined);
    session.clear('signed-out');
    await client.clearStore();
    void navigate('/sign-in', { replace: true });
  };
  return (
    <ViewerProvider>
      <div className="shell">
        <a className="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header className="topbar">
          <BrandMark brand={brand} fallback={user.organization.name} />
          <Navigation />
          <LanguagePicker
            onChange={(language) => {
              // A contact's emails and PDFs follow the language they read the portal in.
              if (user.kind === 'CONTACT')
                void saveLanguage({ variables: { locale: language === 'de' ? 'DE' : 'EN' } }).catch(
                  () => undefined,
                );
            }}
          />
          <span className="who">
            {[user.firstName, user.lastName].filter(Boolean).join(' ') || user.email}
          </span>
          <Button variant="secondary" onPress={() => void leave()} isDisabled={loading}>
            {t('nav.signOut')}
          </Button>
        </header>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </ViewerProvider>
  );
}
