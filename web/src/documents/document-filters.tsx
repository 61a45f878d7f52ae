import { useState, type FormEvent } from 'react';
import { Checkbox, CheckboxGroup, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { Link } from 'react-router';
import { Button, Field } from '../forms/fields';
import type { DocumentFilter, DocumentStatus, DocumentType, PaymentState } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { PAYMENT_LABELS, STATUS_LABELS, TYPE_LABELS } from './document-labels';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, PAYMENT_STATES } from './list-params';

/** The filter form; applying it writes a new URL (the list reads only the URL). */
export function DocumentFilters({
  filter,
  onApply,
  withStatus = false,
}: {
  filter: DocumentFilter;
  onApply(filter: DocumentFilter): void;
  /** Staff: drafts and void documents are theirs to find. */
  withStatus?: boolean;
}) {
  const t = useT();
  const [draft, setDraft] = useState<DocumentFilter>(filter);
  const set = (change: Partial<DocumentFilter>) =>
    setDraft((current) => ({ ...current, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const retrieved = draft.retrieved == null ? 'any' : draft.retrieved ? 'yes' : 'no';
  return (
    <Form onSubmit={submit} className="filters" aria-label={t('filters.title')}>
      <CheckboxGroup
        className="choice-group"
        value={(draft.types ?? []) as string[]}
        onChange={(types) => set({ types: types as DocumentType[] })}
      >
        <Label>{t('column.type')}</Label>
        {DOCUMENT_TYPES.map((type) => (
          <Checkbox key={type} value={type} className="checkbox">
            <span className="box" aria-hidden="true" />
            {t(TYPE_LABELS[type])}
          </Checkbox>
        ))}
      </CheckboxGroup>
      {withStatus && (
        <CheckboxGroup
          className="choice-group"
          value={(draft.statuses ?? []) as string[]}
          onChange={(statuses) => set({ statuses: statuses as DocumentStatus[] })}
        >
          <Label>{t('column.status')}</Label>
          {DOCUMENT_STATUSES.map((status) => (
            <Checkbox key={status} value={status} className="checkbox">
              <span className="box" aria-hidden="true" />
              {t(STATUS_LABELS[status])}
            </Checkbox>
          ))}
        </CheckboxGroup>
      )}
      <CheckboxGroup
        className="choice-group"
        value={(draft.paymentStates ?? []) as string[]}
        onChange={(states) => set({ paymentStates: states as PaymentState[] })}
      >
        <Label>{t('filters.payment')}</Label>
        {PAYMENT_STATES.map((state) => (
          <Checkbox key={state} value={state} className="checkbox">
            <span className="box" aria-hidden="true" />
            {t(PAYMENT_LABELS[state])}
          </Checkbox>
        ))}
      </CheckboxGroup>
      <div className="filter-fields">
        <Field
          label={t('filters.number')}
          value={draft.numberContains ?? ''}
          onChange={(v) => set({ numberContains: v || null })}
        />
        <Field
          label={t('column.currency')}
          value={draft.currency ?? ''}
          maxLength={3}
          onChange={(v) => set({ currency: v.toUpperCase() || null })}
        />
        <Field
          label={t('filters.issuedFrom')}
          type="date"
          value={draft.issueDateFrom ?? ''}
          onChange={(v) => set({ issueDateFrom: v || null })}
        />
        <Field
          label={t('filters.issuedTo')}
          type="date"
          value={draft.issueDateTo ?? ''}
          onChange={(v) => set({ issueDateTo: v || null })}
        />
        <Field
          label={t('filters.dueFrom')}
          type="date"
          value={draft.dueDateFrom ?? ''}
          onChange={(v) => set({ dueDateFrom: v || null })}
        />
        <Field
          label={t('filters.dueTo')}
          type="date"
          value={draft.dueDateTo ?? ''}
          onChange={(v) => set({ dueDateTo: v || null })}
        />
      </div>
      <RadioGroup
        className="choice-group"
        value={retrieved}
        onChange={(value) => set({ retrieved: value === 'any' ? null : value === 'yes' })}
      >
        <Label>{t('column.retrieved')}</Label>
        <Radio value="any" className="radio">
          {t('filters.any')}
        </Radio>
        <Radio value="yes" className="radio">
          {t('filters.retrievedYes')}
        </Radio>
        <Radio value="no" className="radio">
          {t('filters.retrievedNo')}
        </Radio>
      </RadioGroup>
      <div className="actions">
        <Button type="submit">{t('filters.apply')}</Button>
        <Link to="/documents">{t('filters.clear')}</Link>
      </div>
    </Form>
  );
}
