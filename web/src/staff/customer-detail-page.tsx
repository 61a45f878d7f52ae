import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { reportOf } from '../api/errors';
import { Button, Field, FormProblem } from '../forms/fields';
import { ConfirmButton } from '../forms/confirm-dialog';
import { useSubmission } from '../forms/use-submission';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';
import { NotFoundPage } from '../pages/not-found-page';
import { managesOrganization, useUser } from '../session/use-session';
import { ContactsSection } from './contacts-section';
import { CustomerForm } from './customer-form';
import { recordDraftOf } from './customer-record';
import { EmailTable } from './email-table';

const CustomerDetail = graphql(`
  query CustomerDetail($id: ID!) {
    customer(id: $id) {
      ...CustomerDataFields
      type
      companyName
      firstName
      lastName
      portalEnabled
      administrators {
        id
        email
        firstName
        lastName
      }
      ...CustomerContacts
    }
  }
`);

const CustomerEmails = graphql(`
  query CustomerEmails($customerId: ID!) {
    emailHistory(customerId: $customerId, first: 10) {
      totalCount
      edges {
        node {
          ...EmailRow
        }
      }
    }
  }
`);

const UpdateCustomer = graphql(`
  mutation UpdateCustomer($id: ID!, $input: CustomerInput!) {
    updateCustomer(id: $id, input: $input) {
      id
      displayName
    }
  }
`);

const DeleteCustomer = graphql(`
  mutation DeleteCustomer($id: ID!) {
    deleteCustomer(id: $id)
  }
`);

const SendStatement = graphql(`
  mutation SendAccountStatement($customerId: ID!) {
    sendAccountStatement(customerId: $customerId)
  }
`);

/** One customer for staff: its data, its contacts, its documents and emails. */
export function CustomerDetailPage() {
  const t = useT();
  const user = useUser();
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(CustomerDetail, { variables: { id } });
  const [update] = useMutation(UpdateCustomer);
  const [sendStatement, sending] = useMutation(SendStatement);
  const statement = useSubmission();
  const [editing, setEditing] = useState(false);

  if (loading && !data) return <p role="status">{t('state.loading')}</p>;
  if (error) return <FormProblem report={reportOf(error)} onRetry={() => void refetch()} />;
  const customer = data?.customer;
  if (!customer) return <NotFoundPage embedded />;
  const mayManage = managesOrganization(user);

  return (
    <div className="page">
      <p>
        <Link to="/customers">{t('customers.back')}</Link>
      </p>
      <div className="page-heading">
        <h1>{customer.displayName}</h1>
        <div className="actions">
          <Link className="button button-primary" to={`/documents/new?customer=${customer.id}`}>
            {t('documents.new')}
          </Link>
          <Link className="button button-secondary" to={`/documents?customer=${customer.id}`}>
            {t('customer.documents')}
          </Link>
        </div>
      </div>

      <section aria-labelledby="data-heading" className="card-section">
        <h2 id="data-heading">{t('customer.data')}</h2>
        {editing ? (
          <CustomerForm
            initial={recordDraftOf(customer)}
            submitLabel={t('action.save')}
            onSave={async (input) => {
              await update({ variables: { id: customer.id, input } });
              await refetch();
              setEditing(false);
            }}
          />
        ) : (
          <>
            <dl className="facts">
              <Fact label={t('customer.number')} value={customer.number} />
              <Fact
                label={t('customer.type')}
                value={t(customer.type === 'COMPANY' ? 'customer.company' : 'customer.person')}
              />
              <Fact label={t('customer.email')} value={customer.email} />
              <Fact label={t('customer.phone')} value={customer.phone} />
              <Fact
                label={t('customer.address')}
                value={[
                  customer.address?.street,
                  [customer.address?.postalCode, customer.address?.city].filter(Boolean).join(' '),
                  customer.address?.country,
                ]
                  .filter(Boolean)
                  .join(', ')}
              />
              <Fact label={t('customer.taxId')} value={customer.taxId} />
              <Fact label={t('customer.vatId')} value={customer.vatId} />
              <Fact label={t('customer.iban')} value={customer.bankAccount?.iban} />
              <Fact
                label={t('customer.administrators')}
                value={customer.administrators
                  .map((a) => [a.firstName, a.lastName].filter(Boolean).join(' ') || a.email)
                  .join(', ')}
              />
            </dl>
            <Button variant="secondary" onPress={() => setEditing(true)}>
              {t('customer.edit')}
            </Button>
          </>
        )}
      </section>

      <ContactsSection customer={customer} onChange={() => void refetch()} />

      <section aria-labelledby="emails-heading" className="card-section">
        <h2 id="emails-heading">{t('emails.title')}</h2>
        <Button
          variant="secondary"
          isDisabled={sending.loading}
          onPress={() =>
            void statement.run(() => sendStatement({ variables: { customerId: customer.id } }))
          }
        >
          {t('customer.sendStatement')}
        </Button>
        <FormProblem report={statement.report} />
        {statement.saved && <p role="status">{t('customer.statementSent')}</p>}
        {/* The email history is for owners and admins (the notification service's rule). */}
        {mayManage && <RecentEmails customerId={customer.id} />}
      </section>

      {mayManage && <DeleteCustomerSection customer={customer} />}
    </div>
  );
}

function RecentEmails({ customerId }: { customerId: string }) {
  const t = useT();
  const { data, error } = useQuery(CustomerEmails, {
    variables: { customerId },
    pollInterval: 5_000, // a statement or invitation just sent shows up without a reload
  });
  if (error) return <FormProblem report={reportOf(error)} />;
  if (!data) return <p role="status">{t('state.loading')}</p>;
  return (
    <>
      <EmailTable rows={data.emailHistory.edges.map(({ node }) => node)} />
      <Link to={`/emails?customer=${customerId}`}>
        {t('customer.allEmails', { count: data.emailHistory.totalCount })}
      </Link>
    </>
  );
}

function Fact({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value || '–'}</dd>
    </div>
  );
}

/** Erasing a customer is final: the dialog names what goes and asks for the name typed out. */
function DeleteCustomerSection({ customer }: { customer: { id: string; displayName: string } }) {
  const t = useT();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [remove, { loading }] = useMutation(DeleteCustomer, { refetchQueries: ['CustomerList'] });
  const { report, run } = useSubmission();
  return (
    <section aria-labelledby="danger-heading" className="card-section danger-zone">
      <h2 id="danger-heading">{t('customer.deleteHeading')}</h2>
      <ConfirmButton
        label={t('customer.delete')}
        title={t('customer.deleteTitle', { name: customer.displayName })}
        confirmLabel={t('customer.deleteConfirm')}
        isDisabled={loading || typed.trim() !== customer.displayName}
        onConfirm={async () => {
          const problem = await run(() => remove({ variables: { id: customer.id } }));
          if (problem) return false;
          void navigate('/customers', { replace: true });
        }}
      >
        <p>{t('customer.deleteWhat')}</p>
        <Field
          label={t('customer.deleteType', { name: customer.displayName })}
          value={typed}
          onChange={setTyped}
          autoComplete="off"
        />
        <FormProblem report={report} />
      </ConfirmButton>
    </section>
  );
}
