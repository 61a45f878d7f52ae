import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link } from 'react-router';
import { useFormats } from '../format/formats';
import { Button, Field, FormProblem } from '../forms/fields';
import { NameFields } from '../forms/name-fields';
import { ConfirmButton, DialogButton } from '../forms/confirm-dialog';
import { SelectField } from '../forms/select-field';
import { useSubmission } from '../forms/use-submission';
import { graphql } from '../gql';
import type { AccessStatus, CustomerContactsFragment } from '../gql/graphql';
import { useT, type MessageId } from '../i18n/locale';
import { LabelledTable } from '../layout/labelled-table';

graphql(`
  fragment CustomerContacts on Customer {
    id
    accesses {
      id
      email
      phone
      firstName
      lastName
      status
      expiresAt
      invitedAt
      lastLoginAt
      accessLevel {
        id
        name
      }
    }
  }
`);

const AccessLevels = graphql(`
  query AccessLevels {
    accessLevels {
      id
      name
    }
  }
`);

const GrantAccess = graphql(`
  mutation GrantPortalAccess($customerId: ID!, $input: GrantAccessInput!) {
    grantPortalAccess(customerId: $customerId, input: $input) {
      id
    }
  }
`);

const RevokeAccess = graphql(`
  mutation RevokePortalAccess($id: ID!) {
    revokePortalAccess(id: $id) {
      id
      status
    }
  }
`);

const ResendInvitation = graphql(`
  mutation ResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      id
      invitedAt
    }
  }
`);

const UpdateAccess = graphql(`
  mutation UpdatePortalAccess($id: ID!, $input: UpdateAccessInput!) {
    updatePortalAccess(id: $id, input: $input) {
      id
      status
      expiresAt
      accessLevel {
        id
        name
      }
    }
  }
`);

export const ACCESS_STATUS_LABELS: Record<AccessStatus, MessageId> = {
  INVITED: 'access.invited',
  ACTIVE: 'access.active',
  REVOKED: 'access.revoked',
  EXPIRED: 'access.expired',
};

type Access = CustomerContactsFragment['accesses'][number];

/** The customer's portal accesses: who was invited, who signed in, and the means to end it. */
export function ContactsSection({
  customer,
  onChange,
}: {
  customer: CustomerContactsFragment;
  onChange(): void;
}) {
  const t = useT();
  const f = useFormats();
  const [revoke] = useMutation(RevokeAccess);
  const [resend] = useMutation(ResendInvitation);
  const { report, saved, run } = useSubmission();
  return (
    <section aria-labelledby="contacts-heading" className="card-section">
      <div className="page-heading">
        <h2 id="contacts-heading">{t('contacts.title')}</h2>
        <DialogButton label={t('contacts.invite')} title={t('contacts.invite')} variant="primary">
          {(close) => (
            <InviteForm
              customerId={customer.id}
              onInvited={() => {
                close();
                onChange();
              }}
            />
          )}
        </DialogButton>
      </div>
      <FormProblem report={report} />
      {saved && <p role="status">{t('state.saved')}</p>}
      {customer.accesses.length === 0 ? (
        <p>{t('contacts.none')}</p>
      ) : (
        <div className="table-scroll">
          <LabelledTable
            label={t('contacts.title')}
            rows={customer.accesses}
            rowKey={(access) => access.id}
            columns={[
              { label: t('contacts.name'), cell: nameOf },
              { label: t('customer.email'), cell: (access) => access.email },
              { label: t('contacts.level'), cell: (access) => access.accessLevel.name },
              {
                label: t('contacts.status'),
                cell: (access) => (
                  <span className={`badge badge-access-${access.status.toLowerCase()}`}>
                    {t(ACCESS_STATUS_LABELS[access.status])}
                  </span>
                ),
              },
              {
                label: t('contacts.lastSignIn'),
                cell: (access) =>
                  access.lastLoginAt ? f.dateTime(access.lastLoginAt) : t('contacts.never'),
              },
              {
                label: t('contacts.actions'),
                cell: (access) => (
                  <div className="row-actions">
                    <Link to={`/emails?contact=${access.id}`}>
                      {t('contacts.emails')}
                      <span className="visually-hidden"> {access.email}</span>
                    </Link>
                    {access.status === 'INVITED' && (
                      <Button
                        variant="secondary"
                        aria-label={t('contacts.resendFor', { email: access.email })}
                        onPress={() =>
                          void run(() => resend({ variables: { id: access.id } })).then(onChange)
                        }
                      >
                        {t('contacts.resend')}
                      </Button>
                    )}
                    {(access.status === 'INVITED' || access.status === 'ACTIVE') && (
                      <>
                        <DialogButton
                          label={t('contacts.change')}
                          title={t('contacts.changeTitle', { email: access.email })}
                        >
                          {(close) => (
                            <ChangeAccessForm
                              access={access}
                              onSaved={() => {
                                close();
                                onChange();
                              }}
                            />
                          )}
                        </DialogButton>
                        <ConfirmButton
                          label={t('contacts.revoke')}
                          title={t('contacts.revokeTitle', { email: access.email })}
                          confirmLabel={t('contacts.revoke')}
                          onConfirm={async () => {
                            const problem = await run(() =>
                              revoke({ variables: { id: access.id } }),
                            );
                            onChange();
                            return problem === null;
                          }}
                        >
                          <p>{t('contacts.revokeWhat')}</p>
                        </ConfirmButton>
                      </>
                    )}
                  </div>
                ),
              },
            ]}
          />
        </div>
      )}
    </section>
  );
}

const nameOf = (access: Access) =>
  [access.firstName, access.lastName].filter(Boolean).join(' ') || '–';

function useLevelOptions() {
  const t = useT();
  const { data } = useQuery(AccessLevels);
  return [
    { value: '', label: t('contacts.defaultLevel') },
    ...(data?.accessLevels ?? []).map((level) => ({ value: level.id, label: level.name })),
  ];
}

/** `YYYY-MM-DD` from a date field as the end of that day in the viewer's time zone. */
const endOfDay = (day: string) => (day ? new Date(`${day}T23:59:59`).toISOString() : null);

function InviteForm({ customerId, onInvited }: { customerId: string; onInvited(): void }) {
  const t = useT();
  const levels = useLevelOptions();
  const [draft, setDraft] = useState({
    email: '',
    phone: '',
    firstName: '',
    lastName: '',
    accessLevelId: '',
    expiresOn: '',
  });
  const [grant, { loading }] = useMutation(GrantAccess);
  const { report, run } = useSubmission();
  const set = (field: keyof typeof draft) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const invite = async () => {
    const problem = await run(() =>
      grant({
        variables: {
          customerId,
          input: {
            email: draft.email.trim(),
            phone: draft.phone.trim() || null,
            firstName: draft.firstName.trim() || null,
            lastName: draft.lastName.trim() || null,
            accessLevelId: draft.accessLevelId || null,
            expiresAt: endOfDay(draft.expiresOn),
          },
        },
      }),
    );
    if (!problem) onInvited();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void invite();
  };
  const error = (field: string) => report?.fields[`input.${field}`];
  return (
    <Form onSubmit={submit} className="stack" validationBehavior="aria">
      <Field
        label={t('field.email')}
        type="email"
        isRequired
        value={draft.email}
        onChange={set('email')}
        error={error('email')}
        autoFocus
      />
      <Field
        label={t('customer.phone')}
        type="tel"
        value={draft.phone}
        onChange={set('phone')}
        description={t('contacts.phoneHint')}
        error={error('phone')}
      />
      <NameFields
        firstName={draft.firstName}
        lastName={draft.lastName}
        onChange={(field, value) => set(field)(value)}
        errorOf={error}
      />
      <SelectField
        label={t('contacts.level')}
        value={draft.accessLevelId}
        onChange={set('accessLevelId')}
        options={levels}
        error={error('accessLevelId')}
      />
      <Field
        label={t('contacts.expiresOn')}
        type="date"
        value={draft.expiresOn}
        onChange={set('expiresOn')}
        description={t('contacts.expiresHint')}
        error={error('expiresAt')}
      />
      <FormProblem report={report} onRetry={() => void invite()} />
      <Button type="submit" isDisabled={loading}>
        {t('contacts.send')}
      </Button>
    </Form>
  );
}

function ChangeAccessForm({ access, onSaved }: { access: Access; onSaved(): void }) {
  const t = useT();
  const levels = useLevelOptions().filter((option) => option.value !== '');
  const [levelId, setLevelId] = useState(access.accessLevel.id);
  const [expiresOn, setExpiresOn] = useState(access.expiresAt?.slice(0, 10) ?? '');
  const [change, { loading }] = useMutation(UpdateAccess);
  const { report, run } = useSubmission();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await run(() =>
      change({
        variables: {
          id: access.id,
          // An empty string removes the expiry (the API's way to say "none").
          input: { accessLevelId: levelId, expiresAt: endOfDay(expiresOn) ?? '' },
        },
      }),
    );
    if (!problem) onSaved();
  };
  return (
    <Form onSubmit={save} className="stack">
      <SelectField
        label={t('contacts.level')}
        value={levelId}
        onChange={setLevelId}
        options={levels}
        error={report?.fields['input.accessLevelId']}
      />
      <Field
        label={t('contacts.expiresOn')}
        type="date"
        value={expiresOn}
        onChange={setExpiresOn}
        description={t('contacts.expiresHint')}
        error={report?.fields['input.expiresAt']}
      />
      <FormProblem report={report} />
      <Button type="submit" isDisabled={loading}>
        {t('action.save')}
      </Button>
    </Form>
  );
}
