import type { mongo } from 'mongoose';
import type { ShelvedDocument } from '../customer-shelves';
import {
  DOCUMENT_SORT_FIELDS,
  listDocuments,
  sortSpec,
  type DocumentSort,
} from '../document-listing';
import type { DocumentStore } from '../store';
import type { TestDraft } from './insert-document';

/**
 * Seven documents whose sort values repeat and are null, for lists that sort
 * in memory (a shelf, the ledger) to be checked against the server's order.
 */
export function documentsWithRepeatsAndNulls(
  draft: (grossMinor: number, index: number) => TestDraft,
): TestDraft[] {
  const values = [
    { due: null, gross: 500, seen: null, number: null },
    { due: '2026-01-02', gross: 300, seen: new Date('2026-02-01'), number: 'B-2' },
    { due: '2026-01-01', gross: 500, seen: null, number: 'A-1' },
    { due: null, gross: 100, seen: new Date('2026-02-01'), number: 'C-3' },
    { due: '2026-01-02', gross: 300, seen: new Date('2026-01-15'), number: 'A-1' },
    { due: '2026-01-03', gross: -50, seen: null, number: null },
    { due: '2026-01-01', gross: 500, seen: new Date('2026-02-01'), number: 'B-2' },
  ];
  return values.map((value, i) => ({
    ...draft(value.gross, i),
    currency: i % 2 ? 'EUR' : 'JPY',
    type: i % 3 ? 'INVOICE' : 'CREDIT_NOTE',
    dueDate: value.due,
    issueDate: value.due,
    number: value.number,
    paidMinor: i * 10,
    balanceMinor: value.gross - i * 10,
    lastRetrievedAt: value.seen,
    firstRetrievedAt: value.seen,
  }));
}

/**
 * For every sort field and direction: the ids `listDocuments` gives page by
 * page (two at a time, by cursor), and the ids the server gives sorting
 * `collection` itself. Equal when the in-memory list pages exactly.
 */
export async function pagedAndServerOrders(
  store: DocumentStore,
  viewer: Parameters<typeof listDocuments>[1],
  collection: mongo.Collection<ShelvedDocument>,
  filter: object,
) {
  const orders: { sort: DocumentSort; walked: string[]; server: string[] }[] = [];
  for (const field of DOCUMENT_SORT_FIELDS)
    for (const direction of ['ASC', 'DESC'] as const) {
      const spec = sortSpec({ field, direction });
      const server = (
        await collection
          .find(filter)
          .sort({ [spec.field]: spec.direction, _id: spec.direction })
          .toArray()
      ).map((row) => row._id);
      const walked: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page = await listDocuments(store, viewer, {
          first: 2,
          after,
          sort: { field, direction },
        });
        walked.push(...page.edges.map((edge) => edge.node._id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      orders.push({ sort: { field, direction }, walked, server });
    }
  return orders;
}
