import { randomUUID } from 'node:crypto';
import { connectMongo, type Connection } from '@portico/mongo';
import {
  compareBy,
  sortedPageOf,
  sortedPageQuery,
  toSortedConnection,
  type SortSpec,
} from './index';

let connection: Connection;
const rows = [
  null,
  null,
  '2026-01-01',
  '2026-01-01',
  '2026-01-02',
  null,
  '2026-01-03',
  '2026-01-01',
  '2026-01-02',
].map((due, index) => ({
  _id: `d${index}`,
  due,
  amount: [5, 3, 5, 1, 5, 3, 9, 1, 5][index]!,
  seen: index % 3 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + (index % 2))),
}));

beforeAll(async () => {
  connection = await connectMongo(process.env.MONGO_URL!, `t_pages_${randomUUID().slice(0, 8)}`);
  await connection.collection('rows').insertMany(rows as never[]);
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

/** Walks every page of two rows; returns the ids in order. */
async function walk(spec: SortSpec): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page = sortedPageQuery({ first: 2, after }, spec);
    const found = (await connection
      .collection('rows')
      .find(page.filter)
      .sort(page.sort)
      .limit(page.limit)
      .toArray()) as unknown as { _id: string }[];
    const connectionPage = toSortedConnection(found, page.pageSize, rows.length, spec);
    ids.push(...connectionPage.edges.map((edge) => edge.node._id));
    if (!connectionPage.pageInfo.hasNextPage) return ids;
    after = connectionPage.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

/** The same walk over the rows sorted in memory, as lists read from a shelf or the ledger do. */
function walkInMemory(spec: SortSpec): string[] {
  const sorted = [...rows].sort(compareBy(spec));
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page: { rows: typeof sorted; pageSize: number } = sortedPageOf(
      sorted,
      { first: 2, after },
      spec,
    );
    const connectionPage = toSortedConnection(page.rows, page.pageSize, rows.length, spec);
    ids.push(...connectionPage.edges.map((edge) => edge.node._id));
    if (!connectionPage.pageInfo.hasNextPage) return ids;
    after = connectionPage.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

describe('sorted pages on the configured server', () => {
  it.each<SortSpec>([
    { field: 'due', direction: 1, kind: 'string' },
    { field: 'due', direction: -1, kind: 'string' },
    { field: 'amount', direction: 1, kind: 'number' },
    { field: 'amount', direction: -1, kind: 'number' },
    { field: 'seen', direction: 1, kind: 'date' },
    { field: 'seen', direction: -1, kind: 'date' },
  ])('pages by $field $direction with repeats and nulls: no duplicates, no gaps', async (spec) => {
    const all = (await connection
      .collection('rows')
      .find({})
      .sort({ [spec.field]: spec.direction, _id: spec.direction })
      .toArray()) as unknown as { _id: string }[];
    const walked = await walk(spec);
    expect(walked).toEqual(all.map((row) => row._id));
    expect(new Set(walked).size).toBe(rows.length);
    // Sorted and paged in memory: the very order the server gives.
    expect(walkInMemory(spec)).toEqual(walked);
  });
});
