import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** The portal's own session operations and public lookups mark themselves: tokens go to cookies. */
export const SESSION_HEADERS = { 'x-portico-session': 'cookie' };

// A request that has not answered by then is given up, and the page offers to try again.
const REQUEST_TIMEOUT_MS = 20_000;

/** fetch, given up after REQUEST_TIMEOUT_MS (as a network failure), and when its caller aborts. */
export function fetchWithTimeout(input: RequestInfo | URL, init: RequestInit = {}) {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  return fetch(input, {
    ...init,
    signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
  });
}

/** Nothing answered, or the server failed: the request may well succeed when tried again. */
export class OfflineError extends Error {}

interface GraphQLError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The server answered with errors; `errors` has the same shape as Apollo's, for reportOf. */
export class GraphQLRequestError extends Error {
  constructor(readonly errors: GraphQLError[]) {
    super(errors.map((error) => error.message).join('; '));
  }
}

/**
 * One GraphQL request by plain fetch, for what the first page needs before
 * Apollo Client has loaded: sign-in, the session's renewal, the brand.
 */
export async function graphqlRequest<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  headers: Record<string, string> = {},
): Promise<Result> {
  let response: Response;
  try {
    response = await fetchWithTimeout('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: print(document), variables }),
    });
  } catch {
    throw new OfflineError('The portal cannot be reached');
  }
  if (response.status >= 500) throw new OfflineError(`The portal answered ${response.status}`);
  const body = (await response.json()) as { data?: Result | null; errors?: GraphQLError[] };
  if (body.errors?.length) throw new GraphQLRequestError(body.errors);
  if (!body.data) throw new OfflineError('The portal answered without data');
  return body.data;
}
