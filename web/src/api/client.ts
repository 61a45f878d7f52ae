import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
} from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { from, mergeMap, throwError } from 'rxjs';
import { session } from '../session/session-store';
import { fetchWithTimeout, SESSION_HEADERS } from './graphql-request';

const isSessionRequest = (operation: ApolloLink.Operation) =>
  Boolean(
    (operation.getContext().headers as Record<string, string> | undefined)?.['x-portico-session'],
  );

/**
 * Every request carries the access token from memory, renewed through the cookie when due
 * (sign-out needs it too; signed out, there is none).
 */
const bearer = new ApolloLink((operation, forward) =>
  from(session.token()).pipe(
    mergeMap((token) => {
      if (token)
        operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
          headers: { ...headers, authorization: `Bearer ${token}` },
        }));
      return forward(operation);
    }),
  ),
);

/**
 * A token refused mid-session (revoked, or a key rotated) gets one renewal and one retry; when
 * the renewal fails too the session is over and the page goes to sign-in, keeping its URL.
 */
const renewOnce = new ErrorLink(({ error, operation, forward }) => {
  if (!CombinedGraphQLErrors.is(error) || isSessionRequest(operation)) return;
  if (!error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) return;
  if (operation.getContext().renewed) return;
  operation.setContext({ renewed: true });
  return from(session.refresh()).pipe(
    mergeMap((token) => (token ? forward(operation) : throwError(() => error))),
  );
});

export const client = new ApolloClient({
  link: ApolloLink.from([
    renewOnce,
    bearer,
    new HttpLink({ uri: '/graphql', fetch: fetchWithTimeout }),
  ]),
  cache: new InMemoryCache(),
  defaultOptions: {
    watchQuery: { fetchPolicy: 'cache-and-network' },
  },
});

/** Context for the session operations (sign-in, activation, sign-out): tokens go to cookies. */
export const sessionContext = { headers: SESSION_HEADERS };
