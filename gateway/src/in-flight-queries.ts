import { REQUEST_ID_HEADER } from '@portico/logger';
import { sharedWhileRunning } from '@portico/read-sharing';

/** A subgraph's answer as plain values, so each caller that shares it parses its own copy. */
export interface SubgraphAnswer {
  status: number;
  text: string;
}

/**
 * Shares one subgraph call among identical queries in flight at the same
 * moment: same subgraph, same operation and variables, and the same caller
 * (token, address, browser; only the request id may differ). A client that
 * sends the same query twice at once, or a burst of them, costs the subgraph
 * one call. Mutations are never shared, and nothing is kept once answered.
 */
export class InFlightQueries {
  private readonly pending = sharedWhileRunning<string, SubgraphAnswer>();

  run(
    url: string,
    headers: Record<string, string>,
    operation: { query: string; body: string },
    call: () => Promise<SubgraphAnswer>,
  ): Promise<SubgraphAnswer> {
    const key = sharingKey(url, headers, operation);
    return key === null ? call() : this.pending(key, call);
  }
}

/** What identical queries have in common, or null for anything that is not a query. */
function sharingKey(
  url: string,
  headers: Record<string, string>,
  { query, body }: { query: string; body: string },
): string | null {
  if (!/^\s*(?:query\b|\{)/.test(query)) return null;
  const caller = Object.entries(headers)
    .filter(([name]) => name.toLowerCase() !== REQUEST_ID_HEADER)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${name.toLowerCase()}:${value}`)
    .join('\n');
  return `${url}\n${caller}\n${body}`;
}
