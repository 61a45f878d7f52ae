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
