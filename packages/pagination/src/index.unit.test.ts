import { encodeCursor, pageQuery, toConnection } from './index';

const row = (id: string, iso: string) => ({ _id: id, createdAt: new Date(iso) });

describe('cursor pagination', () => {
  it('defaults to 20 and rejects sizes outside 1..100 naming the field', () => {
    expect(pageQuery({}).pageSize).toBe(20);
    for (const first of [0, 101, 1.5]) {
      expect(() => pageQuery({ first })).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'first' }),
      );
    }
  });

  it('continues after the cursor with an id tie-breaker', () => {
    const cursor = encodeCursor(row('b', '2026-01-01T00:00:00.000Z'));
    expect(pageQuery({ first: 2, after: cursor })).toEqual({
      filter: {
        $or: [
          { createdAt: { $lt: new Date('2026-01-01T00:00:00.000Z') } },
          { createdAt: new Date('2026-01-01T00:00:00.000Z'), _id: { $lt: 'b' } },
        ],
      },
      sort: { createdAt: -1, _id: -1 },
      limit: 3,
      pageSize: 2,
    });
  });

  it('rejects a forged cursor', () => {
    expect(() => pageQuery({ after: 'not-a-cursor' })).toThrow(
      expect.objectContaining({ field: 'after' }),
    );
  });

  it('reports the next page from the extra row', () => {
    const rows = [
      row('c', '2026-01-03T00:00:00Z'),
      row('b', '2026-01-02T00:00:00Z'),
      row('a', '2026-01-01T00:00:00Z'),
    ];
    const page = toConnection(rows, 2, 3);
    expect(page.edges.map((edge) => edge.node._id)).toEqual(['c', 'b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: page.edges[1]!.cursor });
    expect(toConnection(rows, 5, 3).pageInfo.hasNextPage).toBe(false);
  });
});
