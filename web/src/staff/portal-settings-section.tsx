import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Checkbox, Form } from 'react-aria-components';
import { CheckboxChoices } from '../forms/checkbox-choices';
import { TYPE_LABELS } from '../documents/document-labels';
import { DOCUMENT_TYPES } from '../documents/list-params';
import { Button, FormProblem } from '../forms/fields';
import { SelectField } from '../forms/select-field';
import { useSubmission } from '../forms/use-submission';
import { graphql } from '../gql';
import type {
  AccessLevelFieldsFragment,
  DocumentType,
  PortalSettingsFieldsFragment,
} from '../gql/graphql';
import { useT } from '../i18n/locale';

graphql(`
  fragment PortalSettingsFields on PortalSettings {
    enabledDocumentTypes
    portalAccessByDefault
    shareNewDocuments
    defaultAccessLevel {
      id
    }
  }
`);

const UpdatePortalSettings = graphql(`
  mutation UpdatePortalSettings($input: PortalSettingsInput!) {
    updatePortalSettings(input: $input) {
      ...PortalSettingsFields
    }
  }
`);

function Toggle({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange(value: boolean): void;
  children: string;
}) {
  return (
    <Checkbox isSelected={checked} onChange={onChange} className="checkbox">
      <span className="box" aria-hidden="true" />
      {children}
    </Checkbox>
  );
}

/** What contacts see in the portal and who gets access. */
export function PortalSettingsSection({
  settings,
  levels,
}: {
  settings: PortalSettingsFieldsFragment;
  levels: AccessLevelFieldsFragment[];
}) {
  const t = useT();
  const [types, setTypes] = useState<DocumentType[]>(settings.enabledDocumentTypes);
  const [share, setShare] = useState(settings.shareNewDocuments);
  const [byDefault, setByDefault] = useState(settings.portalAccessByDefault);
  const [applyToExisting, setApplyToExisting] = useState(false);
  const [levelId, setLevelId] = useState(settings.defaultAccessLevel.id);
  const [update, { loading }] = useMutation(UpdatePortalSettings);
  const { report, saved, run } = useSubmission();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await run(() =>
      update({
        variables: {
          input: {
            enabledDocumentTypes: types,
            shareNewDocuments: share,
            portalAccessByDefault: byDefault,
            applyToExistingCustomers: applyToExisting,
            defaultAccessLevelId: levelId,
          },
        },
      }),
    );
    if (!problem) setApplyToExisting(false);
  };
  return (
    <section aria-labelledby="portal-heading" className="card-section">
      <h2 id="portal-heading">{t('settings.portal')}</h2>
      <Form onSubmit={save} className="stack">
        <CheckboxChoices
          label={t('settings.documentTypes')}
          value={types}
          onChange={setTypes}
          options={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(TYPE_LABELS[type]) }))}
          error={report?.fields['input.enabledDocumentTypes']}
        />
        <Toggle checked={share} onChange={setShare}>
          {t('settings.shareNew')}
        </Toggle>
        <Toggle checked={byDefault} onChange={setByDefault}>
          {t('settings.accessByDefault')}
        </Toggle>
        <Toggle checked={applyToExisting} onChange={setApplyToExisting}>
          {t('settings.applyToExisting')}
        </Toggle>
        <SelectField
          label={t('settings.defaultLevel')}
          value={levelId}
          onChange={setLevelId}
          options={levels.map((level) => ({ value: level.id, label: level.name }))}
          error={report?.fields['input.defaultAccessLevelId']}
        />
        <FormProblem report={report} />
        {saved && <p role="status">{t('state.saved')}</p>}
        <Button type="submit" isDisabled={loading}>
          {t('settings.savePortal')}
        </Button>
      </Form>
    </section>
  );
}
