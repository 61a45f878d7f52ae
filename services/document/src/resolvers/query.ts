import { pageQuery, toConnection } from '@portico/pagination';
import type { DocumentContext } from '../context';
import { visibleTo } from '../store';

export const queryResolvers = {
  async documents(
    _: unknown,
    args: { first?: number | null; after?: string | null },
    { auth, store }: DocumentContext,
  ) {
    const page = pageQuery(args);
    const scope = visibleTo(auth);
    if (!scope) return toConnection([], page.pageSize, 0);
    const [rows, total] = await Promise.all([
      store.listVisible(scope, page.filter, page.sort, page.limit),
      store.documents.countDocuments(scope),
    ]);
    return toConnection(rows, page.pageSize, total);
  },

  document: (_: unknown, { id }: { id: string }, { auth, store }: DocumentContext) =>
    store.findVisible(auth, id),
};
