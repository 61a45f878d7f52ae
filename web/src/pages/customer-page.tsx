import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { reportOf } from '../api/errors';
import {
  draftOf,
  inputOf,
  SERVER_FIELDS,
  type CustomerDraft,
  type DraftField,
} from '../customer/customer-draft';
import { CUSTOMER_FIELD_LABELS as LABELS } from '../customer/field-labels';
import { ibanState } from '../customer/iban-check';
import { Button, Field, FormProblem } from '../forms/fields';
import { useSubmission } from '../forms/use-submission';
import { graphql } from '../gql';
import type { CustomerDataFieldsFragment } from '../gql/graphql';
import { useT, type MessageId } from '../i18n/locale';
import { useCan } from '../session/viewer';

graphql(`
  fragment CustomerDataFields on Customer {
    id
    number
    displayName
    email
    phone
    address {
      street
      postalCode
      city
      country
    }
    taxId
    vatId
    bankAccount {
      iban
      bic
      accountHolder
    }
  }
`);

const MyCustomer = graphql(`
  query MyCustomer {
    myCustomer {
      ...CustomerDataFields
    }
  }
`);

const UpdateMyCustomerData = graphql(`
  mutation UpdateMyCustomerData($input: CustomerSelfServiceInput!) {
    updateMyCustomerData(input: $input) {
      ...CustomerDataFields
    }
  }
`);

// What to do about a refused field, in the viewer's language; the server's words are English.
const FIXES: Partial<Record<DraftField, MessageId>> = {
  phone: 'customer.fix.phone',
  country: 'customer.fix.country',
  vatId: 'customer.fix.vatId',
  iban: 'customer.fix.iban',
  bic: 'customer.fix.bic',
};

const GROUPS: { heading: MessageId; fields: DraftField[] }[] = [
  { heading: 'customer.contact', fields: ['phone'] },
  { heading: 'customer.address', fields: ['street', 'postalCode', 'city', 'country'] },
  { heading: 'customer.taxes', fields: ['taxId', 'vatId'] },
  { heading: 'customer.bank', fields: ['iban', 'bic', 'accountHolder'] },
];

/** The contact's customer as the business has it; editable with EDIT_CUSTOMER_DATA. */
export function CustomerPage() {
  const t = useT();
  const { data, error, refetch } = useQuery(MyCustomer);
  const mayEdit = useCan('EDIT_CUSTOMER_DATA');
  if (error) return <FormProblem report={reportOf(error)} onRetry={() => void refetch()} />;
  const customer = data?.myCustomer;
  if (data && !customer) return <p>{t('customer.none')}</p>;
  if (!customer) return <p role="status">{t('state.loading')}</p>;
  return (
    <div className="page narrow">
      <h1>{t('customer.title')}</h1>
      <dl className="facts">
        <div>
          <dt>{t('customer.name')}</dt>
          <dd>{customer.displayName}</dd>
        </div>
        <div>
          <dt>{t('customer.number')}</dt>
          <dd>{customer.number}</dd>
        </div>
        <div>
          <dt>{t('customer.billingEmail')}</dt>
          <dd>{customer.email ?? '–'}</dd>
        </div>
      </dl>
      {mayEdit ? <CustomerForm customer={customer} /> : <CustomerFacts customer={customer} />}
    </div>
  );
}

function CustomerFacts({ customer }: { customer: CustomerDataFieldsFragment }) {
  const t = useT();
  const draft = draftOf(customer);
  return (
    <>
      {GROUPS.map(({ heading, fields }) => (
        <section key={heading} className="card-section">
          <h2>{t(heading)}</h2>
          <dl className="facts">
            {fields.map((field) => (
              <div key={field}>
                <dt>{t(LABELS[field])}</dt>
                <dd>{draft[field] || '–'}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}

function CustomerForm({ customer }: { customer: CustomerDataFieldsFragment }) {
  const t = useT();
  const [draft, setDraft] = useState<CustomerDraft>(() => draftOf(customer));
  const [ibanLeft, setIbanLeft] = useState(false);
  const [update, { loading }] = useMutation(UpdateMyCustomerData);
  const { report, saved, run } = useSubmission();
  const iban = ibanState(draft.iban);
  const errorOf = (field: DraftField): string | undefined => {
    const server = report?.fields[SERVER_FIELDS[field]];
    if (field === 'iban' && (iban === 'invalid' || (ibanLeft && iban === 'incomplete')))
      return t('customer.fix.iban');
    if (!server) return undefined;
    const fix = FIXES[field];
    return fix ? t(fix) : server;
  };
  const save = () => {
    // The server checks it too; a known-bad IBAN need not make the trip.
    if (iban === 'invalid' || iban === 'incomplete') {
      setIbanLeft(true);
      return;
    }
    void run(() => update({ variables: { input: inputOf(draft) } }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save();
  };
  return (
    <Form onSubmit={submit} className="stack">
      {GROUPS.map(({ heading, fields }) => (
        <fieldset key={heading} className="card-section">
          <legend>{t(heading)}</legend>
          {fields.map((field) => (
            <Field
              key={field}
              label={t(LABELS[field])}
              value={draft[field]}
              onChange={(value) => {
                setDraft((current) => ({ ...current, [field]: value }));
                if (field === 'iban') setIbanLeft(false);
              }}
              onBlur={field === 'iban' ? () => setIbanLeft(true) : undefined}
              autoComplete={AUTOCOMPLETE[field]}
              description={descriptionOf(field, iban, t)}
              error={errorOf(field)}
            />
          ))}
        </fieldset>
      ))}
      <FormProblem report={report} onRetry={save} />
      {saved && <p role="status">{t('state.saved')}</p>}
      <Button type="submit" isDisabled={loading}>
        {t('action.save')}
      </Button>
    </Form>
  );
}

const AUTOCOMPLETE: Partial<Record<DraftField, string>> = {
  phone: 'tel',
  street: 'street-address',
  postalCode: 'postal-code',
  city: 'address-level2',
  country: 'country',
};

function descriptionOf(field: DraftField, iban: string, t: ReturnType<typeof useT>) {
  if (field === 'country') return t('customer.countryHint');
  if (field === 'phone') return t('customer.phoneHint');
  if (field === 'iban' && iban === 'valid') return t('customer.ibanValid');
  return undefined;
}
