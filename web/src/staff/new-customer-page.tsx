import { useMutation } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { graphql } from '../gql';
import { useT } from '../i18n/locale';
import { CustomerForm } from './customer-form';
import { EMPTY_RECORD } from './customer-record';

const CreateCustomer = graphql(`
  mutation CreateCustomer($input: CustomerInput!) {
    createCustomer(input: $input) {
      id
    }
  }
`);

export function NewCustomerPage() {
  const t = useT();
  const navigate = useNavigate();
  const [create] = useMutation(CreateCustomer, { refetchQueries: ['CustomerList'] });
  return (
    <div className="page narrow">
      <p>
        <Link to="/customers">{t('customers.back')}</Link>
      </p>
      <h1>{t('customers.new')}</h1>
      <CustomerForm
        initial={EMPTY_RECORD}
        submitLabel={t('action.save')}
        onSave={async (input) => {
          const { data } = await create({ variables: { input } });
          void navigate(`/customers/${data!.createCustomer.id}`);
        }}
      />
    </div>
  );
}
