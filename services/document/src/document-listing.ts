import { badInput } from '@portico/errors';
import { Query } from 'mingo';
import { DOCUMENT_TYPES, type DocumentType } from '@portico/events';
import { compareBy, sortedPageOf, toSortedConnection, type SortSpec } from '@portico/pagination';
import { requireDate } from '@portico/validation';
import type { DocumentStatus, PaymentState } from './model/document';
import { currencyExponent, formatAmount } from '@portico/money';
import { paymentStateCondition } from './payment-state';
import type { ShelvedDocument } from './customer-shelves';
import type { DocumentStore } from './store';
import type { DocumentViewer } from './viewer';

export interface DocumentFilter {
  customerId?: string | null;
  types?: DocumentType[] | null;
  statuses?: DocumentStatus[] | null;
  paymentStates?: PaymentState[] | null;
  issueDateFrom?: string | null;
  issueDateTo?: string | null;
  dueDateFrom?: string | null;
  dueDateTo?: string | null;
  currency?: string | null;
  numberContains?: string | null;
  retrieved?: boolean | null;
}

export interface DocumentSort {
  field: keyof typeof SORT_FIELDS;
  direction: 'ASC' | 'DESC';
}

const SORT_FIELDS = {
  NUMBER: { field: 'number', kind: 'string' },
  ISSUE_DATE: { field: 'issueDate', kind: 'string' },
  DUE_DATE: { field: 'dueDate', kind: 'string' },
  TYPE: { field: 'type', kind: 'string' },
  CURRENCY: { field: 'currency', kind: 'string' },
  NET_TOTAL: { field: 'netMinor', kind: 'number' },
  GROSS_TOTAL: { field: 'grossMinor', kind: 'number' },
  PAID_TOTAL: { field: 'paidMinor', kind: 'number' },
  BALANCE_DUE: { field: 'balanceMinor', kind: 'number' },
  RETRIEVED_AT: { field: 'lastRetrievedAt', kind: 'date' },
} as const satisfies Record<string, Omit<SortSpec, 'direction'>>;

/** Every field a list can be sorted by. */
export const DOCUMENT_SORT_FIELDS = Object.keys(SORT_FIELDS) as DocumentSort['field'][];

// Without a sort: newest first.
const NEWEST_FIRST: SortSpec = { field: 'createdAt', direction: -1, kind: 'date' };

const DOCUMENT_STATUSES: DocumentStatus[] = [
  'DRAFT',
  'ISSUED',
  'PARTIALLY_PAID',
  'PAID',
  'VOID',
  'ACCEPTED',
  'DECLINED',
];

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The caller's filter as MongoDB conditions; BAD_USER_INPUT names the field. */
export function documentFilterConditions(filter: DocumentFilter | null | undefined): object[] {
  if (!filter) return [];
  const conditions: object[] = [];
  if (filter.customerId) conditions.push({ customerId: filter.customerId });
  if (filter.types?.length) {
    if (filter.types.some((type) => !DOCUMENT_TYPES.includes(type)))
      throw badInput('filter.types', 'Unknown document type');
    conditions.push({ type: { $in: filter.types } });
  }
  if (filter.statuses?.length) {
    if (filter.statuses.some((status) => !DOCUMENT_STATUSES.includes(status)))
      throw badInput('filter.statuses', 'Unknown document status');
    conditions.push({ status: { $in: filter.statuses } });
  }
  if (filter.paymentStates?.length)
    conditions.push({ $or: filter.paymentStates.map(paymentStateCondition) });
  const range = (field: string, from?: string | null, to?: string | null, name = field) => {
    if (!from && !to) return;
    conditions.push({
      [field]: {
        ...(from ? { $gte: requireDate(`filter.${name}From`, from) } : {}),
        ...(to ? { $lte: requireDate(`filter.${name}To`, to) } : {}),
      },
    });
  };
  range('issueDate', filter.issueDateFrom, filter.issueDateTo);
  range('dueDate', filter.dueDateFrom, filter.dueDateTo);
  if (filter.currency) {
    const currency = filter.currency.trim().toUpperCase();
    if (currencyExponent(currency) === undefined)
      throw badInput('filter.currency', 'Unknown currency');
    conditions.push({ currency });
  }
  const number = filter.numberContains?.trim();
  if (number)
    conditions.push({ number: { $regex: escapeRegex(number.slice(0, 40)), $options: 'i' } });
  if (filter.retrieved === true) conditions.push({ firstRetrievedAt: { $ne: null } });
  if (filter.retrieved === false) conditions.push({ firstRetrievedAt: null });
  return conditions;
}

export function sortSpec(sort: DocumentSort | null | undefined): SortSpec {
  if (!sort) return NEWEST_FIRST;
  const field = SORT_FIELDS[sort.field];
  if (!field) throw badInput('sort.field', 'Unknown sort field');
  return { ...field, direction: sort.direction === 'DESC' ? -1 : 1 };
}

/** A page as resolved: the count and totals are functions, called only when asked for. */
export type DocumentPage = Awaited<ReturnType<typeof listDocuments>>;

/**
 * One page of the documents the viewer may see that match the filter, in the
 * asked order, filtered and sorted in memory: a list of one customer (every
 * contact's, or staff filtering by customer) from that customer's shelf
 * (customer-shelves.ts), a staff list across customers from the tenant's
 * ledger (tenant-ledger.ts), whose page is then read by id. The count and the
 * per-currency totals cover everything matched; they are computed only when
 * the query asks for them.
 */
export async function listDocuments(
  store: DocumentStore,
  viewer: Pick<DocumentViewer, 'scope' | 'customerId' | 'tenant'>,
  args: {
    filter?: DocumentFilter | null;
    sort?: DocumentSort | null;
    first?: number | null;
    after?: string | null;
  },
) {
  const matched = { $and: [viewer.scope, ...documentFilterConditions(args.filter)] };
  const spec = sortSpec(args.sort);
  const pinned = viewer.customerId ?? args.filter?.customerId;
  if (pinned) {
    const all = sortedMatches(await store.shelves.contents(pinned), matched, spec);
    const page = sortedPageOf(all, args, spec);
    return {
      ...toSortedConnection(page.rows, page.pageSize, 0, spec),
      totalCount: () => all.length,
      totals: () => totalsOf(all),
    };
  }
  const rows = viewer.tenant ? await store.ledger.rows(viewer.tenant) : [];
  const all = sortedMatches(rows, matched, spec);
  const page = sortedPageOf(all, args, spec);
  const connection = toSortedConnection(page.rows, page.pageSize, 0, spec);
  const documents = await store.documentsById(connection.edges.map((edge) => edge.node._id));
  return {
    ...connection,
    // A document erased since the ledger was read is left out.
    edges: connection.edges.flatMap(({ cursor, node }) => {
      const document = documents.get(node._id);
      return document ? [{ cursor, node: document }] : [];
    }),
    totalCount: () => all.length,
    totals: () => totalsOf(all),
  };
}

// Per list as read (a shelf, or a tenant's ledger rows, kept while its version holds): the list
// in each order asked, and the sorted matches of recent filters, so paging through a list, or
// reloading it, filters once, and a new filter only tests each row of a list already in order.
const sortedLists = new WeakMap<object[], Map<string, object[]>>();
const matchesOfList = new WeakMap<object[], Map<string, object[]>>();
const MATCHES_KEPT_PER_LIST = 16;

function sortedMatches<T extends { _id: string }>(list: T[], matched: object, spec: SortSpec): T[] {
  let known = matchesOfList.get(list);
  if (!known) matchesOfList.set(list, (known = new Map()));
  // Conditions are plain data (strings, numbers, today's date): their JSON tells them apart.
  const key = JSON.stringify([matched, spec]);
  let rows = known.get(key) as T[] | undefined;
  if (!rows) {
    // mingo tests each row as MongoDB would; filter keeps the sorted list's order.
    const query = new Query(matched);
    rows = sortedList(list, spec).filter((row) => query.test(row));
    known.set(key, rows);
    if (known.size > MATCHES_KEPT_PER_LIST) known.delete(known.keys().next().value!);
  }
  return rows;
}

/** The list in the order of `spec`, sorted once per list as read (native: mingo's is slower). */
function sortedList<T extends { _id: string }>(list: T[], spec: SortSpec): T[] {
  let orders = sortedLists.get(list);
  if (!orders) sortedLists.set(list, (orders = new Map()));
  const key = `${spec.field} ${spec.direction}`;
  let sorted = orders.get(key) as T[] | undefined;
  if (!sorted) orders.set(key, (sorted = [...list].sort(compareBy(spec))));
  return sorted;
}

const SUMMED = ['grossMinor', 'paidMinor', 'balanceMinor'] as const;
type Sums = Map<string, Record<(typeof SUMMED)[number], number>>;

type Summed = Pick<ShelvedDocument, 'currency' | (typeof SUMMED)[number]>;

/** Per currency: gross, paid and balance due of documents in memory (integers: exact). */
export function totalsOf(documents: Summed[]) {
  return formatTotals(sumPerCurrency(documents));
}

function sumPerCurrency(documents: Summed[]): Sums {
  const sums: Sums = new Map();
  for (const document of documents) {
    const sum = sums.get(document.currency) ?? { grossMinor: 0, paidMinor: 0, balanceMinor: 0 };
    for (const field of SUMMED) sum[field] += document[field];
    sums.set(document.currency, sum);
  }
  return sums;
}

function formatTotals(sums: Sums) {
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, sum]) => {
      const exponent = currencyExponent(currency) ?? 2;
      return {
        currency,
        grossTotal: formatAmount(sum.grossMinor, exponent),
        paidTotal: formatAmount(sum.paidMinor, exponent),
        balanceDue: formatAmount(sum.balanceMinor, exponent),
      };
    });
}
