import type { ReactNode } from 'react';
import { BrandMark, useLinkedOrganization, usePortalBrand } from '../brand/portal-brand';
import { useT } from '../i18n/locale';
import { LanguagePicker } from './language-picker';

/**
 * Sign-in, reset and activation: one card, the page's heading, the language
 * choice; in the organization's colours when the link it came from names it.
 */
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
  const brand = usePortalBrand(useLinkedOrganization());
  return (
    <div className="public">
      <header className="public-header">
        <BrandMark brand={brand} fallback={organization ?? t('app.name')} />
        <LanguagePicker />
      </header>
      <main className="card" id="main">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
