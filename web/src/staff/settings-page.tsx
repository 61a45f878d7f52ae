import { useQuery } from '@apollo/client/react';
import { reportOf } from '../api/errors';
import { FormProblem } from '../forms/fields';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';
import { AccessLevelsSection } from './access-levels-section';
import { BrandingSection } from './branding-section';
import { PortalSettingsSection } from './portal-settings-section';

const Settings = graphql(`
  query Settings {
    portalSettings {
      ...PortalSettingsFields
    }
    accessLevels {
      ...AccessLevelFields
    }
    branding {
      ...BrandingFields
    }
  }
`);

/** The organization's settings: what the portal shows, the access levels, the branding. */
export function SettingsPage() {
  const t = useT();
  const { data, error, refetch } = useQuery(Settings);
  if (error) return <FormProblem report={reportOf(error)} onRetry={() => void refetch()} />;
  if (!data) return <p role="status">{t('state.loading')}</p>;
  return (
    <div className="page">
      <h1>{t('settings.title')}</h1>
      <PortalSettingsSection settings={data.portalSettings} levels={data.accessLevels} />
      <AccessLevelsSection levels={data.accessLevels} onChange={() => void refetch()} />
      <BrandingSection branding={data.branding} />
    </div>
  );
}
