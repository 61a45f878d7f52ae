import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { useFormats } from '../format/formats';
import { SelectField } from '../forms/select-field';
import { graphql } from '../gql';
import type { AccessStatus } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { LabelledTable } from '../layout/labelled-table';
import { ACCESS_STATUS_LABELS } from './contacts-section';
import { PagedResult } from './list-pager';

const ContactList = graphql(`
  query ContactList($status: AccessStatus, $after: String) {
    portalAccesses(status: $status, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          email
          firstName
          lastName
          status
          invitedAt
          lastLoginAt
          customer {
            id
            displayName
          }
        }
      }
    }
  }
`);

const STATUSES = Object.keys(ACCESS_STATUS_LABELS) as AccessStatus[];

/** Every contact across customers, by status: who was invited and never came, for one. */
export function ContactsPage() {
  const t = useT();
  const f = useFormats();
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get('status')) ?? null;
  const after = params.get('after');
  const { data, previousData, error, loading, refetch } = useQuery(ContactList, {
    variables: { status, after },
  });
  const list = (data ?? previousData)?.portalAccesses;
  return (
    <div className="page">
      <h1>{t('contacts.all')}</h1>
      <div className="inline-filters">
        <SelectField<AccessStatus | ''>
          label={t('contacts.status')}
          value={status ?? ''}
          onChange={(value) => setParams(value ? { status: value } : {})}
          options={[
            { value: '', label: t('emails.anyStatus') },
            ...STATUSES.map((value) => ({ value, label: t(ACCESS_STATUS_LABELS[value]) })),
          ]}
        />
      </div>
      <PagedResult
        list={list}
        error={error}
        loading={loading}
        onRetry={() => void refetch()}
        after={after}
        count={(total) => t('contacts.count', { count: total })}
      >
        {(list) => (
          <>
            <div className="table-scroll">
              <LabelledTable
                label={t('contacts.all')}
                rows={list.edges.map(({ node }) => node)}
                rowKey={(access) => access.id}
                columns={[
                  {
                    label: t('contacts.name'),
                    cell: (a) => [a.firstName, a.lastName].filter(Boolean).join(' ') || '–',
                  },
                  { label: t('field.email'), cell: (a) => a.email },
                  {
                    label: t('document.customer'),
                    cell: (a) => (
                      <Link to={`/customers/${a.customer.id}`}>{a.customer.displayName}</Link>
                    ),
                  },
                  { label: t('contacts.status'), cell: (a) => t(ACCESS_STATUS_LABELS[a.status]) },
                  { label: t('contacts.invitedAt'), cell: (a) => f.dateTime(a.invitedAt) },
                  {
                    label: t('contacts.lastSignIn'),
                    cell: (a) => (a.lastLoginAt ? f.dateTime(a.lastLoginAt) : t('contacts.never')),
                  },
                ]}
              />
            </div>
          </>
        )}
      </PagedResult>
    </div>
  );
}
