import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Checkbox, CheckboxGroup, Form, Label } from 'react-aria-components';
import { Button, Field, FormProblem } from '../forms/fields';
import { DialogButton } from '../forms/confirm-dialog';
import { useSubmission } from '../forms/use-submission';
import { graphql } from '../gql';
import type { AccessLevelFieldsFragment, Permission } from '../gql/graphql';
import { useT, type MessageId } from '../i18n/locale';
import { LabelledTable } from '../layout/labelled-table';

graphql(`
  fragment AccessLevelFields on AccessLevel {
    id
    name
    permissions
  }
`);

const CreateAccessLevel = graphql(`
  mutation CreateAccessLevel($input: AccessLevelInput!) {
    createAccessLevel(input: $input) {
      ...AccessLevelFields
    }
  }
`);

export const PERMISSION_LABELS: Record<Permission, MessageId> = {
  VIEW_DOCUMENTS: 'permission.viewDocuments',
  DOWNLOAD_DOCUMENTS: 'permission.downloadDocuments',
  VIEW_PAYMENTS: 'permission.viewPayments',
  COMMENT: 'permission.comment',
  RESPOND_TO_ESTIMATES: 'permission.respondToEstimates',
  VIEW_STATEMENTS: 'permission.viewStatements',
  EDIT_CUSTOMER_DATA: 'permission.editCustomerData',
};
const PERMISSIONS = Object.keys(PERMISSION_LABELS) as Permission[];

/** The named permission sets a contact's access is given. */
export function AccessLevelsSection({
  levels,
  onChange,
}: {
  levels: AccessLevelFieldsFragment[];
  onChange(): void;
}) {
  const t = useT();
  return (
    <section aria-labelledby="levels-heading" className="card-section">
      <div className="page-heading">
        <h2 id="levels-heading">{t('settings.levels')}</h2>
        <DialogButton label={t('settings.newLevel')} title={t('settings.newLevel')}>
          {(close) => (
            <LevelForm
              onCreated={() => {
                close();
                onChange();
              }}
            />
          )}
        </DialogButton>
      </div>
      <div className="table-scroll">
        <LabelledTable
          label={t('settings.levels')}
          rows={levels}
          rowKey={(level) => level.id}
          columns={[
            { label: t('contacts.name'), cell: (level) => level.name },
            {
              label: t('settings.permissions'),
              cell: (level) => level.permissions.map((p) => t(PERMISSION_LABELS[p])).join(', '),
            },
          ]}
        />
      </div>
    </section>
  );
}

function LevelForm({ onCreated }: { onCreated(): void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(['VIEW_DOCUMENTS']);
  const [create, { loading }] = useMutation(CreateAccessLevel);
  const { report, run } = useSubmission();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await run(() => create({ variables: { input: { name, permissions } } }));
    if (!problem) onCreated();
  };
  return (
    <Form onSubmit={submit} className="stack" validationBehavior="aria">
      <Field
        label={t('settings.levelName')}
        isRequired
        autoFocus
        value={name}
        onChange={setName}
        error={report?.fields['input.name']}
      />
      <CheckboxGroup
        className="choice-group"
        value={permissions}
        onChange={(value) => setPermissions(value as Permission[])}
        isInvalid={Boolean(report?.fields['input.permissions'])}
      >
        <Label>{t('settings.permissions')}</Label>
        {PERMISSIONS.map((permission) => (
          <Checkbox key={permission} value={permission} className="checkbox">
            <span className="box" aria-hidden="true" />
            {t(PERMISSION_LABELS[permission])}
          </Checkbox>
        ))}
      </CheckboxGroup>
      {report?.fields['input.permissions'] && (
        <p className="field-error">{report.fields['input.permissions']}</p>
      )}
      <FormProblem report={report} />
      <Button type="submit" isDisabled={loading}>
        {t('action.save')}
      </Button>
    </Form>
  );
}
