import type { ReactNode } from 'react';
import { useT } from '../i18n/locale';
import { LanguagePicker } from './language-picker';

/** Sign-in, reset and activation: one card, the page's heading, the language choice. */
export function PublicLayout({
  title,
  children,
  organization,
}: {
  title: string;
  children: ReactNode;
  organization?: string | null;
}) {
  const t = useT();
  return (
    <div className="public">
      <header className="public-header">
        <span className="brand">{organization ?? t('app.name')}</span>
        <LanguagePicker />
      </header>
      <main className="card" id="main">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
