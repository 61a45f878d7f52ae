import { badInput } from '@portico/errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Position of a row in "newest first" order: creation time, then id to break ties. */
interface Position {
  createdAt: Date;
  _id: string;
}

export function encodeCursor({ createdAt, _id }: Position): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), _id])).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const [createdAt, _id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const date = new Date(createdAt);
    if (typeof _id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { createdAt: date, _id };
  } catch {
    throw badInput('after', 'Invalid cursor');
  }
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/**
 * The MongoDB filter and sort for one page, newest first. The tie-breaker on
 * `_id` keeps pages free of duplicates and gaps when timestamps are equal.
 */
export function pageQuery(args: { first?: number | null; after?: string | null }) {
  const limit = pageSize(args.first);
  const after = args.after ? decodeCursor(args.after) : undefined;
  const filter = after
    ? {
        $or: [
          { createdAt: { $lt: after.createdAt } },
          { createdAt: after.createdAt, _id: { $lt: after._id } },
        ],
      }
    : {};
  return { filter, sort: { createdAt: -1, _id: -1 } as const, limit: limit + 1, pageSize: limit };
}

/** Builds the connection from `pageSize + 1` fetched rows (the extra one tells hasNextPage). */
export function toConnection<T extends Position>(
  rows: T[],
  size: number,
  totalCount: number,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** Sorting by any one field; `_id` in the same direction breaks ties. */
export interface SortSpec {
  field: string;
  direction: 1 | -1;
  kind: 'string' | 'number' | 'date';
}

type SortValue = string | number | Date | null;

function encodeSortedCursor(value: SortValue, _id: string): string {
  const plain = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([plain, _id])).toString('base64url');
}

function decodeSortedCursor(
  cursor: string,
  kind: SortSpec['kind'],
): { value: SortValue; _id: string } {
  try {
    const [plain, _id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    if (typeof _id !== 'string') throw new Error('bad cursor');
    if (plain === null) return { value: null, _id };
    if (kind === 'number' && typeof plain === 'number') return { value: plain, _id };
    if (kind === 'string' && typeof plain === 'string') return { value: plain, _id };
    if (kind === 'date' && typeof plain === 'string' && !Number.isNaN(Date.parse(plain)))
      return { value: new Date(plain), _id };
    throw new Error('bad cursor');
  } catch {
    throw badInput('after', 'Invalid cursor');
  }
}

/**
 * What comes after the cursor's row in this order. MongoDB sorts null (and
 * missing) first ascending and last descending, and `$gt`/`$lt` never match
 * null, so nulls are spelled out.
 */
function afterFilter({ field, direction }: SortSpec, value: SortValue, _id: string): object {
  const beyond = direction === 1 ? '$gt' : '$lt';
  const tie = { [field]: value, _id: { [beyond]: _id } };
  if (value === null) return direction === 1 ? { $or: [tie, { [field]: { $ne: null } }] } : tie;
  const further = { [field]: { [beyond]: value } };
  return direction === 1 ? { $or: [further, tie] } : { $or: [further, tie, { [field]: null }] };
}

/** Like pageQuery, for any sort field: no duplicates or gaps even when values repeat or are null. */
export function sortedPageQuery(
  args: { first?: number | null; after?: string | null },
  spec: SortSpec,
) {
  const limit = pageSize(args.first);
  const after = args.after ? decodeSortedCursor(args.after, spec.kind) : undefined;
  return {
    filter: after ? afterFilter(spec, after.value, after._id) : {},
    sort: { [spec.field]: spec.direction, _id: spec.direction } as Record<string, 1 | -1>,
    limit: limit + 1,
    pageSize: limit,
  };
}

export function toSortedConnection<T extends { _id: string }>(
  rows: T[],
  size: number,
  totalCount: number,
  spec: SortSpec,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({
    cursor: encodeSortedCursor(
      ((node as Record<string, unknown>)[spec.field] ?? null) as SortValue,
      node._id,
    ),
    node,
  }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

const valueOf = (value: unknown): string | number | null =>
  value === null || value === undefined
    ? null
    : value instanceof Date
      ? value.getTime()
      : (value as string | number);

/** Orders rows in memory as MongoDB sorts `spec` (null first ascending), `_id` breaking ties. */
export function compareBy<T extends { _id: string }>(spec: SortSpec): (a: T, b: T) => number {
  return (a, b) => {
    const x = valueOf((a as Record<string, unknown>)[spec.field]);
    const y = valueOf((b as Record<string, unknown>)[spec.field]);
    let order = 0;
    if (x !== y) order = x === null ? -1 : y === null ? 1 : x < y ? -1 : x > y ? 1 : 0;
    if (order === 0) order = a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
    return order * spec.direction;
  };
}

/**
 * Like sortedPageQuery, over rows already in memory and sorted by
 * `compareBy(spec)`: the `pageSize + 1` rows after the cursor, found by
 * binary search instead of a filter over every row.
 */
export function sortedPageOf<T extends { _id: string }>(
  sorted: T[],
  args: { first?: number | null; after?: string | null },
  spec: SortSpec,
): { rows: T[]; pageSize: number } {
  const size = pageSize(args.first);
  let start = 0;
  if (args.after) {
    const { value, _id } = decodeSortedCursor(args.after, spec.kind);
    const compare = compareBy<T>(spec);
    const cursorRow = { _id, [spec.field]: value } as unknown as T;
    let end = sorted.length;
    while (start < end) {
      const middle = (start + end) >>> 1;
      if (compare(sorted[middle]!, cursorRow) <= 0) start = middle + 1;
      else end = middle;
    }
  }
  return { rows: sorted.slice(start, start + size + 1), pageSize: size };
}
