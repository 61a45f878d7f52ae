import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { reportOf } from '../api/errors';
import { useFormats } from '../format/formats';
import { Button, Field, FormProblem } from '../forms/fields';
import { NameFields } from '../forms/name-fields';
import { ConfirmButton, DialogButton } from '../forms/confirm-dialog';
import { SelectField } from '../forms/select-field';
import { useSubmission } from '../forms/use-submission';
import { graphql } from '../gql';
import type { StaffRole, TeamMemberFragment } from '../gql/graphql';
import { useT, type MessageId } from '../i18n/locale';
import { LabelledTable } from '../layout/labelled-table';
import { useUser } from '../session/use-session';

graphql(`
  fragment TeamMember on User {
    id
    email
    firstName
    lastName
    role
    disabled
    lastLoginAt
  }
`);

const Team = graphql(`
  query Team {
    staffUsers {
      ...TeamMember
    }
  }
`);

const InviteStaff = graphql(`
  mutation InviteStaff($input: CreateStaffUserInput!) {
    createStaffUser(input: $input) {
      ...TeamMember
    }
  }
`);

const SetRole = graphql(`
  mutation SetStaffRole($id: ID!, $role: StaffRole!) {
    setStaffRole(id: $id, role: $role) {
      ...TeamMember
    }
  }
`);

const SetDisabled = graphql(`
  mutation SetUserDisabled($id: ID!, $disabled: Boolean!) {
    setUserDisabled(id: $id, disabled: $disabled) {
      ...TeamMember
    }
  }
`);

export const ROLE_LABELS: Record<StaffRole, MessageId> = {
  OWNER: 'role.owner',
  ADMIN: 'role.admin',
  SPECIALIST: 'role.specialist',
};

const nameOf = (member: TeamMemberFragment) =>
  [member.firstName, member.lastName].filter(Boolean).join(' ') || member.email;

/** The roles the signed-in user may hand out: only an owner makes owners. */
function useGrantableRoles() {
  const t = useT();
  const user = useUser();
  const roles: StaffRole[] =
    user.role === 'OWNER' ? ['OWNER', 'ADMIN', 'SPECIALIST'] : ['ADMIN', 'SPECIALIST'];
  return roles.map((role) => ({ value: role, label: t(ROLE_LABELS[role]) }));
}

/** The organization's staff: who has which role, who signed in when; invite, change, disable. */
export function TeamPage() {
  const t = useT();
  const f = useFormats();
  const user = useUser();
  const { data, error, refetch } = useQuery(Team);
  const [setDisabled] = useMutation(SetDisabled);
  const { report, saved, run } = useSubmission();
  if (error) return <FormProblem report={reportOf(error)} onRetry={() => void refetch()} />;
  if (!data) return <p role="status">{t('state.loading')}</p>;
  // An admin may not touch an owner, and nobody changes or disables themselves here.
  const mayManage = (member: TeamMemberFragment) =>
    member.id !== user.id && (member.role !== 'OWNER' || user.role === 'OWNER');

  return (
    <div className="page">
      <div className="page-heading">
        <h1>{t('team.title')}</h1>
        <DialogButton label={t('team.invite')} title={t('team.invite')} variant="primary">
          {(close) => (
            <InviteForm
              onInvited={() => {
                close();
                void refetch();
              }}
            />
          )}
        </DialogButton>
      </div>
      <p className="muted">{t('team.roles')}</p>
      <FormProblem report={report} />
      {saved && <p role="status">{t('state.saved')}</p>}
      <div className="table-scroll">
        <LabelledTable
          label={t('team.title')}
          rows={data.staffUsers}
          rowKey={(member) => member.id}
          columns={[
            { label: t('contacts.name'), cell: nameOf },
            { label: t('field.email'), cell: (member) => member.email },
            {
              label: t('team.role'),
              cell: (member) => (member.role ? t(ROLE_LABELS[member.role]) : '–'),
            },
            {
              label: t('contacts.status'),
              cell: (member) =>
                member.disabled ? (
                  <span className="badge badge-access-revoked">{t('team.disabled')}</span>
                ) : member.lastLoginAt ? (
                  t('team.active')
                ) : (
                  t('access.invited')
                ),
            },
            {
              label: t('contacts.lastSignIn'),
              cell: (member) =>
                member.lastLoginAt ? f.dateTime(member.lastLoginAt) : t('contacts.never'),
            },
            {
              label: t('contacts.actions'),
              cell: (member) =>
                mayManage(member) && (
                  <div className="row-actions">
                    <DialogButton
                      label={t('team.changeRole')}
                      title={t('team.changeRoleOf', { name: nameOf(member) })}
                    >
                      {(close) => (
                        <RoleForm
                          member={member}
                          onSaved={() => {
                            close();
                            void refetch();
                          }}
                        />
                      )}
                    </DialogButton>
                    {member.disabled ? (
                      <Button
                        variant="secondary"
                        onPress={() =>
                          void run(() =>
                            setDisabled({ variables: { id: member.id, disabled: false } }),
                          )
                        }
                      >
                        {t('team.enable')}
                      </Button>
                    ) : (
                      <ConfirmButton
                        label={t('team.disable')}
                        title={t('team.disableTitle', { name: nameOf(member) })}
                        confirmLabel={t('team.disable')}
                        onConfirm={async () =>
                          (await run(() =>
                            setDisabled({ variables: { id: member.id, disabled: true } }),
                          )) === null
                        }
                      >
                        <p>{t('team.disableWhat')}</p>
                      </ConfirmButton>
                    )}
                  </div>
                ),
            },
          ]}
        />
      </div>
    </div>
  );
}

function InviteForm({ onInvited }: { onInvited(): void }) {
  const t = useT();
  const roles = useGrantableRoles();
  const [draft, setDraft] = useState({
    email: '',
    firstName: '',
    lastName: '',
    role: 'SPECIALIST' as StaffRole,
  });
  const [invite, { loading }] = useMutation(InviteStaff);
  const { report, run } = useSubmission();
  const set = (field: 'email' | 'firstName' | 'lastName') => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await run(() =>
      invite({
        variables: {
          input: {
            email: draft.email.trim(),
            firstName: draft.firstName.trim() || null,
            lastName: draft.lastName.trim() || null,
            role: draft.role,
          },
        },
      }),
    );
    if (!problem) onInvited();
  };
  const error = (field: string) => report?.fields[`input.${field}`];
  return (
    <Form onSubmit={submit} className="stack" validationBehavior="aria">
      <Field
        label={t('field.email')}
        type="email"
        isRequired
        autoFocus
        value={draft.email}
        onChange={set('email')}
        error={error('email')}
      />
      <NameFields
        firstName={draft.firstName}
        lastName={draft.lastName}
        onChange={(field, value) => set(field)(value)}
        errorOf={error}
      />
      <SelectField
        label={t('team.role')}
        value={draft.role}
        onChange={(role) => setDraft((current) => ({ ...current, role }))}
        options={roles}
        error={error('role')}
      />
      <FormProblem report={report} />
      <Button type="submit" isDisabled={loading}>
        {t('contacts.send')}
      </Button>
    </Form>
  );
}

function RoleForm({ member, onSaved }: { member: TeamMemberFragment; onSaved(): void }) {
  const t = useT();
  const roles = useGrantableRoles();
  const [role, setRole] = useState<StaffRole>(member.role ?? 'SPECIALIST');
  const [save, { loading }] = useMutation(SetRole);
  const { report, run } = useSubmission();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await run(() => save({ variables: { id: member.id, role } }));
    if (!problem) onSaved();
  };
  return (
    <Form onSubmit={submit} className="stack">
      <SelectField
        label={t('team.role')}
        value={role}
        onChange={setRole}
        options={roles}
        error={report?.fields.role}
      />
      <p className="muted">{t('team.roleSignOut')}</p>
      <FormProblem report={report} />
      <Button type="submit" isDisabled={loading}>
        {t('action.save')}
      </Button>
    </Form>
  );
}
