import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { useFormats } from '../format/formats';
import { Button, Field } from '../forms/fields';
import { SelectField } from '../forms/select-field';
import { graphql } from '../gql';
import type { CustomerSort, CustomerType } from '../gql/graphql';
import { useT, type MessageId } from '../i18n/locale';
import { LabelledTable } from '../layout/labelled-table';
import { PagedResult } from './list-pager';

const CustomerList = graphql(`
  query CustomerList($filter: CustomerFilter, $sort: CustomerSort, $first: Int, $after: String) {
    customers(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          type
          displayName
          email
          address {
            city
            country
          }
          createdAt
        }
      }
    }
  }
`);

const PAGE_SIZE = 25;

/** The orders offered, by their URL value; none is newest first. */
const SORTS: Record<string, { sort: CustomerSort; label: MessageId }> = {
  name: { sort: { field: 'NAME', direction: 'ASC' }, label: 'customers.sortName' },
  'name-desc': { sort: { field: 'NAME', direction: 'DESC' }, label: 'customers.sortNameDesc' },
  number: { sort: { field: 'NUMBER', direction: 'ASC' }, label: 'customers.sortNumber' },
  'number-desc': {
    sort: { field: 'NUMBER', direction: 'DESC' },
    label: 'customers.sortNumberDesc',
  },
  oldest: { sort: { field: 'CREATED_AT', direction: 'ASC' }, label: 'customers.sortOldest' },
};

/** The tenant's customers (a SPECIALIST: those they administer); search and type in the URL. */
export function CustomersPage() {
  const t = useT();
  const f = useFormats();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const type = (params.get('type') ?? '') as CustomerType | '';
  const after = params.get('after');
  const sortKey = params.get('sort') ?? '';
  const { data, previousData, error, loading, refetch } = useQuery(CustomerList, {
    variables: {
      filter: { search: search || null, type: type || null },
      sort: SORTS[sortKey]?.sort ?? null,
      first: PAGE_SIZE,
      after,
    },
  });
  const list = (data ?? previousData)?.customers;
  const [draftSearch, setDraftSearch] = useState(search);
  const [draftType, setDraftType] = useState<CustomerType | ''>(type);
  const [draftSort, setDraftSort] = useState(SORTS[sortKey] ? sortKey : '');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draftSearch.trim()) next.set('q', draftSearch.trim());
    if (draftType) next.set('type', draftType);
    if (draftSort) next.set('sort', draftSort);
    setParams(next);
  };

  return (
    <div className="page">
      <div className="page-heading">
        <h1>{t('customers.title')}</h1>
        <Link className="button button-primary" to="/customers/new">
          {t('customers.new')}
        </Link>
      </div>
      <Form onSubmit={apply} className="filters inline-filters" role="search">
        <Field
          label={t('customers.search')}
          value={draftSearch}
          onChange={setDraftSearch}
          type="search"
        />
        <SelectField
          label={t('customer.type')}
          value={draftType}
          onChange={setDraftType}
          options={[
            { value: '', label: t('customers.anyType') },
            { value: 'COMPANY', label: t('customer.company') },
            { value: 'PERSON', label: t('customer.person') },
          ]}
        />
        <SelectField
          label={t('customers.sort')}
          value={draftSort}
          onChange={setDraftSort}
          options={[
            { value: '', label: t('customers.sortNewest') },
            ...Object.entries(SORTS).map(([value, { label }]) => ({ value, label: t(label) })),
          ]}
        />
        <Button type="submit">{t('filters.apply')}</Button>
      </Form>
      <PagedResult
        list={list}
        error={error}
        loading={loading}
        onRetry={() => void refetch()}
        after={after}
        count={(total) => t('customers.count', { count: total })}
      >
        {(list) => (
          <>
            {list.edges.length === 0 ? (
              <p className="empty">{t('customers.empty')}</p>
            ) : (
              <div className="table-scroll">
                <LabelledTable
                  label={t('customers.title')}
                  rows={list.edges.map(({ node }) => node)}
                  rowKey={(customer) => customer.id}
                  columns={[
                    {
                      label: t('customer.name'),
                      cell: (customer) => (
                        <Link to={`/customers/${customer.id}`}>{customer.displayName}</Link>
                      ),
                    },
                    { label: t('customer.number'), cell: (customer) => customer.number },
                    {
                      label: t('customer.type'),
                      cell: (customer) =>
                        t(customer.type === 'COMPANY' ? 'customer.company' : 'customer.person'),
                    },
                    { label: t('customer.email'), cell: (customer) => customer.email ?? '' },
                    {
                      label: t('customer.city'),
                      cell: (customer) =>
                        [customer.address?.city, customer.address?.country]
                          .filter(Boolean)
                          .join(', '),
                    },
                    {
                      label: t('customers.since'),
                      cell: (customer) => f.dateTime(customer.createdAt),
                    },
                  ]}
                />
              </div>
            )}
          </>
        )}
      </PagedResult>
    </div>
  );
}
