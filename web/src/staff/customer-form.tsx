import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { CUSTOMER_FIELD_LABELS } from '../customer/field-labels';
import { ibanState } from '../customer/iban-check';
import { Button, Field, FormProblem } from '../forms/fields';
import { SelectField } from '../forms/select-field';
import { useSubmission } from '../forms/use-submission';
import type { CustomerType } from '../gql/graphql';
import { useT, type MessageId } from '../i18n/locale';
import {
  missingFields,
  RECORD_SERVER_FIELDS,
  recordInputOf,
  requiredFields,
  type CustomerRecordDraft,
  type RecordField,
} from './customer-record';

const LABELS: Record<RecordField, MessageId> = {
  ...CUSTOMER_FIELD_LABELS,
  type: 'customer.type',
  number: 'customer.number',
  companyName: 'customer.companyName',
  firstName: 'field.firstName',
  lastName: 'field.lastName',
  email: 'customer.email',
};

const GROUPS: { heading: MessageId; fields: (type: CustomerType) => RecordField[] }[] = [
  {
    heading: 'customer.identity',
    fields: (type) =>
      type === 'COMPANY' ? ['companyName', 'number'] : ['firstName', 'lastName', 'number'],
  },
  { heading: 'customer.contact', fields: () => ['email', 'phone'] },
  { heading: 'customer.address', fields: () => ['street', 'postalCode', 'city', 'country'] },
  { heading: 'customer.taxes', fields: () => ['taxId', 'vatId'] },
  { heading: 'customer.bank', fields: () => ['iban', 'bic', 'accountHolder'] },
];

const HINTS: Partial<Record<RecordField, MessageId>> = {
  number: 'customer.numberHint',
  phone: 'customer.phoneHint',
  country: 'customer.countryHint',
  email: 'customer.emailHint',
};

/**
 * A customer's data for staff: a person or a company, their numbers, address, tax ids and bank
 * account. The fields the type requires are marked and checked before saving; the server's
 * refusals appear next to their field and nothing typed is lost.
 */
export function CustomerForm({
  initial,
  onSave,
  submitLabel,
}: {
  initial: CustomerRecordDraft;
  onSave(input: ReturnType<typeof recordInputOf>): Promise<unknown>;
  submitLabel: string;
}) {
  const t = useT();
  const [draft, setDraft] = useState(initial);
  const [missing, setMissing] = useState<RecordField[]>([]);
  const [busy, setBusy] = useState(false);
  const { report, saved, run } = useSubmission();
  const iban = ibanState(draft.iban);
  const required = requiredFields(draft.type);

  const errorOf = (field: RecordField): string | undefined => {
    if (missing.includes(field)) return t('form.required');
    if (field === 'iban' && iban === 'invalid') return t('customer.fix.iban');
    return report?.fields[RECORD_SERVER_FIELDS[field]];
  };
  const save = async () => {
    const gaps = missingFields(draft);
    setMissing(gaps);
    if (gaps.length > 0 || iban === 'invalid') return;
    setBusy(true);
    await run(() => onSave(recordInputOf(draft)));
    setBusy(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };
  const set = (field: RecordField, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setMissing((current) => current.filter((f) => f !== field));
  };

  return (
    <Form onSubmit={submit} className="stack" validationBehavior="aria">
      <SelectField
        label={t('customer.type')}
        value={draft.type}
        onChange={(type) => setDraft((current) => ({ ...current, type }))}
        options={[
          { value: 'COMPANY', label: t('customer.company') },
          { value: 'PERSON', label: t('customer.person') },
        ]}
        error={report?.fields['input.type']}
      />
      {GROUPS.map(({ heading, fields }) => (
        <fieldset key={heading} className="card-section">
          <legend>{t(heading)}</legend>
          {fields(draft.type).map((field) => (
            <Field
              key={field}
              label={t(LABELS[field])}
              value={draft[field]}
              onChange={(value) => set(field, value)}
              isRequired={required.includes(field)}
              description={HINTS[field] ? t(HINTS[field]) : undefined}
              error={errorOf(field)}
            />
          ))}
        </fieldset>
      ))}
      <FormProblem report={report} onRetry={() => void save()} />
      {saved && <p role="status">{t('state.saved')}</p>}
      <Button type="submit" isDisabled={busy}>
        {submitLabel}
      </Button>
    </Form>
  );
}
