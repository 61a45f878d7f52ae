import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { CheckboxChoices } from '../forms/checkbox-choices';
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

const UpdateAccessLevel = graphql(`
  mutation UpdateAccessLevel($id: ID!, $input: AccessLevelInput!) {
    updateAccessLevel(id: $id, input: $input) {
      ...AccessLevelFields
    }
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
              onSaved={() => {
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
            {
              label: t('contacts.actions'),
              cell: (level) => (
                <DialogButton
                  label={t('settings.editLevel')}
                  title={t('settings.editLevelTitle', { name: level.name })}
                >
                  {(close) => (
                    <LevelForm
                      level={level}
                      onSaved={() => {
                        close();
                        onChange();
                      }}
                    />
                  )}
                </DialogButton>
              ),
            },
          ]}
        />
      </div>
    </section>
  );
}

/** A new level, or (given `level`) a change to one: its contacts get it on their next request. */
function LevelForm({ level, onSaved }: { level?: AccessLevelFieldsFragment; onSaved(): void }) {
  const t = useT();
  const [name, setName] = useState(level?.name ?? '');
  const [permissions, setPermissions] = useState<Permission[]>(
    level?.permissions ?? ['VIEW_DOCUMENTS'],
  );
  const [create, creating] = useMutation(CreateAccessLevel);
  const [update, updating] = useMutation(UpdateAccessLevel);
  const loading = creating.loading || updating.loading;
  const { report, run } = useSubmission();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { name, permissions };
    const problem = await run(() =>
      level ? update({ variables: { id: level.id, input } }) : create({ variables: { input } }),
    );
    if (!problem) onSaved();
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
      <CheckboxChoices
        label={t('settings.permissions')}
        value={permissions}
        onChange={setPermissions}
        options={PERMISSIONS.map((p) => ({ value: p, label: t(PERMISSION_LABELS[p]) }))}
        error={report?.fields['input.permissions']}
      />
      {level && <p className="muted">{t('settings.levelChangeWhen')}</p>}
      <FormProblem report={report} />
      <Button type="submit" isDisabled={loading}>
        {t('action.save')}
      </Button>
    </Form>
  );
}
