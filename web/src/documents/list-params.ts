import type {
  DocumentFilter,
  DocumentStatus,
  DocumentSort,
  DocumentSortField,
  DocumentType,
  PaymentState,
} from '../gql/graphql';

/**
 * The documents list's state lives in the URL (filters, sort, page), so a view can be
 * bookmarked and Back works. These turn the query string into the API's arguments and back.
 */
export const DOCUMENT_TYPES: DocumentType[] = [
  'INVOICE',
  'CREDIT_NOTE',
  'DEBIT_NOTE',
  'ESTIMATE',
  'REMINDER',
  'DELIVERY_NOTE',
  'ORDER_CONFIRMATION',
];
export const PAYMENT_STATES: PaymentState[] = ['UNPAID', 'PARTIALLY_PAID', 'OVERDUE', 'PAID'];
export const DOCUMENT_STATUSES: DocumentStatus[] = [
  'DRAFT',
  'ISSUED',
  'PARTIALLY_PAID',
  'PAID',
  'VOID',
  'ACCEPTED',
  'DECLINED',
];
export const SORT_FIELDS: DocumentSortField[] = [
  'NUMBER',
  'ISSUE_DATE',
  'DUE_DATE',
  'TYPE',
  'CURRENCY',
  'NET_TOTAL',
  'GROSS_TOTAL',
  'PAID_TOTAL',
  'BALANCE_DUE',
  'RETRIEVED_AT',
];
export const PAGE_SIZE = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ListView {
  filter: DocumentFilter;
  sort: DocumentSort;
  after: string | null;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((known) => known === value);
const day = (value: string | null) => (value && DAY.test(value) ? value : undefined);

/** Reads the list's view from the query string; anything unknown is ignored, not an error. */
export function viewFromParams(params: URLSearchParams): ListView {
  const types = params.getAll('type').flatMap((v) => oneOf(DOCUMENT_TYPES, v) ?? []);
  const states = params.getAll('payment').flatMap((v) => oneOf(PAYMENT_STATES, v) ?? []);
  const statuses = params.getAll('status').flatMap((v) => oneOf(DOCUMENT_STATUSES, v) ?? []);
  const retrieved = params.get('retrieved');
  const filter: DocumentFilter = {
    ...(types.length ? { types } : {}),
    ...(states.length ? { paymentStates: states } : {}),
    ...(statuses.length ? { statuses } : {}),
    issueDateFrom: day(params.get('issuedFrom')),
    issueDateTo: day(params.get('issuedTo')),
    dueDateFrom: day(params.get('dueFrom')),
    dueDateTo: day(params.get('dueTo')),
    currency: params.get('currency')?.trim().toUpperCase() || undefined,
    numberContains: params.get('number')?.trim() || undefined,
    retrieved: retrieved === 'yes' ? true : retrieved === 'no' ? false : undefined,
    customerId: params.get('customer') || undefined,
  };
  for (const key of Object.keys(filter) as (keyof DocumentFilter)[])
    if (filter[key] === undefined) delete filter[key];
  return {
    filter,
    sort: {
      field: oneOf(SORT_FIELDS, params.get('sort')) ?? 'ISSUE_DATE',
      direction: params.get('dir') === 'asc' ? 'ASC' : 'DESC',
    },
    after: params.get('after'),
  };
}

/** The query string for a view; the defaults (newest first, first page) are left out. */
export function paramsFromView(view: ListView): URLSearchParams {
  const params = new URLSearchParams();
  const { filter, sort, after } = view;
  for (const type of filter.types ?? []) params.append('type', type);
  for (const state of filter.paymentStates ?? []) params.append('payment', state);
  for (const status of filter.statuses ?? []) params.append('status', status);
  const dates: [string, string | null | undefined][] = [
    ['issuedFrom', filter.issueDateFrom],
    ['issuedTo', filter.issueDateTo],
    ['dueFrom', filter.dueDateFrom],
    ['dueTo', filter.dueDateTo],
  ];
  for (const [name, value] of dates) if (value) params.set(name, value);
  if (filter.currency) params.set('currency', filter.currency);
  if (filter.numberContains) params.set('number', filter.numberContains);
  if (filter.retrieved != null) params.set('retrieved', filter.retrieved ? 'yes' : 'no');
  if (filter.customerId) params.set('customer', String(filter.customerId));
  if (sort.field !== 'ISSUE_DATE' || sort.direction !== 'DESC') {
    params.set('sort', sort.field);
    params.set('dir', sort.direction === 'ASC' ? 'asc' : 'desc');
  }
  if (after) params.set('after', after);
  return params;
}

/** Clicking a column's header: sort by it ascending, or flip it when it is the sort already. */
export function toggledSort(current: DocumentSort, field: DocumentSortField): DocumentSort {
  if (current.field !== field) return { field, direction: 'ASC' };
  return { field, direction: current.direction === 'ASC' ? 'DESC' : 'ASC' };
}
