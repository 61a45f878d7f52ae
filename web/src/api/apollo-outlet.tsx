import { ApolloProvider } from '@apollo/client/react';
import { Outlet } from 'react-router';
import { client } from './client';

/** Every route below has Apollo Client; loaded on the first of them (see signed-in-chunks). */
export function ApolloOutlet() {
  return (
    <ApolloProvider client={client}>
      <Outlet />
    </ApolloProvider>
  );
}
