import { useState, type FormEvent } from 'react';
import { Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { CheckboxChoices } from '../forms/checkbox-choices';
import { Link } from 'react-router';
import { Button, Field } from '../forms/fields';
import type { DocumentFilter } from '../gql/graphql';
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
      <CheckboxChoices
        label={t('column.type')}
        value={draft.types ?? []}
        onChange={(types) => set({ types })}
        options={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(TYPE_LABELS[type]) }))}
      />
      {withStatus && (
        <CheckboxChoices
          label={t('column.status')}
          value={draft.statuses ?? []}
          onChange={(statuses) => set({ statuses })}
          options={DOCUMENT_STATUSES.map((status) => ({
            value: status,
            label: t(STATUS_LABELS[status]),
          }))}
        />
      )}
      <CheckboxChoices
        label={t('filters.payment')}
        value={draft.paymentStates ?? []}
        onChange={(paymentStates) => set({ paymentStates })}
        options={PAYMENT_STATES.map((state) => ({ value: state, label: t(PAYMENT_LABELS[state]) }))}
      />
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
