import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useSearchParams } from 'react-router';
import { Button } from '../forms/fields';
import { SelectField } from '../forms/select-field';
import { graphql } from '../gql';
import type { EmailKind, EmailStatus } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { EMAIL_KINDS, EMAIL_STATUSES, EmailTable, KIND_LABELS, STATUS_LABELS } from './email-table';
import { PagedResult } from './list-pager';

const EmailList = graphql(`
  query EmailList(
    $customerId: ID
    $accessId: ID
    $kind: EmailKind
    $status: EmailStatus
    $since: String
    $after: String
  ) {
    emailHistory(
      customerId: $customerId
      accessId: $accessId
      kind: $kind
      status: $status
      since: $since
      first: 25
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...EmailRow
        }
      }
    }
  }
`);

const oneOf = <T extends string>(values: readonly T[], value: string | null) =>
  values.find((known) => known === value) ?? null;

/** Every email the organization sent or failed to send, newest first, filtered in the URL. */
export function EmailsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const kind = oneOf(EMAIL_KINDS, params.get('kind'));
  const status = oneOf(EMAIL_STATUSES, params.get('status'));
  const variables = {
    customerId: params.get('customer'),
    accessId: params.get('contact'),
    kind,
    status,
    since: params.get('since'),
    after: params.get('after'),
  };
  const { data, previousData, error, loading, refetch } = useQuery(EmailList, { variables });
  const list = (data ?? previousData)?.emailHistory;
  const [draftKind, setDraftKind] = useState<EmailKind | ''>(kind ?? '');
  const [draftStatus, setDraftStatus] = useState<EmailStatus | ''>(status ?? '');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    next.delete('after');
    for (const [name, value] of [
      ['kind', draftKind],
      ['status', draftStatus],
    ] as const)
      if (value) next.set(name, value);
      else next.delete(name);
    setParams(next);
  };
  const scoped = variables.customerId || variables.accessId || variables.since;

  return (
    <div className="page">
      <h1>{t('emails.title')}</h1>
      <Form onSubmit={apply} className="filters inline-filters" aria-label={t('filters.title')}>
        <SelectField
          label={t('emails.kind')}
          value={draftKind}
          onChange={setDraftKind}
          options={[
            { value: '', label: t('emails.anyKind') },
            ...EMAIL_KINDS.map((value) => ({ value, label: t(KIND_LABELS[value]) })),
          ]}
        />
        <SelectField
          label={t('emails.status')}
          value={draftStatus}
          onChange={setDraftStatus}
          options={[
            { value: '', label: t('emails.anyStatus') },
            ...EMAIL_STATUSES.map((value) => ({ value, label: t(STATUS_LABELS[value]) })),
          ]}
        />
        <Button type="submit">{t('filters.apply')}</Button>
        {scoped && (
          <Button variant="secondary" onPress={() => setParams(new URLSearchParams())}>
            {t('emails.everyone')}
          </Button>
        )}
      </Form>
      <PagedResult
        list={list}
        error={error}
        loading={loading}
        onRetry={() => void refetch()}
        after={variables.after}
        count={(total) => t('emails.count', { count: total })}
      >
        {(list) => (
          <>
            <EmailTable rows={list.edges.map(({ node }) => node)} onResent={() => void refetch()} />
          </>
        )}
      </PagedResult>
    </div>
  );
}
