import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { readSupergraph } from '@portico/schemas';
import { DirectFetchRoutes } from './direct-fetch-routes';

const supergraph = Supergraph.build(readSupergraph());
const planner = new QueryPlanner(supergraph);

/** Plans `query` as the gateway does and lets the routes learn from it. */
function learn(routes: DirectFetchRoutes, query: string, operationName?: string) {
  const document = parse(query);
  const plan = planner.buildQueryPlan(
    operationFromDocument(supergraph.apiSchema(), document, { operationName }),
  );
  routes.learn(query, document, operationName, plan);
  return routes.find(query, operationName);
}

describe('DirectFetchRoutes', () => {
  const routes = () => new DirectFetchRoutes(supergraph.apiSchema());

  it('routes an operation planned as one fetch that selects what the client asked for', () => {
    const query =
      'query Mine($first: Int) { documents(first: $first) { edges { node { id n: number customer { displayName } } } } }';
    expect(learn(routes(), query, 'Mine')).toEqual({
      serviceName: 'document',
      operation: expect.stringContaining('documents(first:$first)'),
      operationName: expect.stringMatching(/^Mine/),
      variableNames: ['first'],
    });
  });

  it('routes fragments, which the planner sends expanded', () => {
    const query =
      '{ documents(first: 2) { edges { node { ...F } } } } fragment F on Document { id number }';
    expect(learn(routes(), query)?.serviceName).toBe('document');
  });

  it('knows nothing of an operation it has not seen planned', () => {
    expect(routes().find('{ me { id } }', undefined)).toBeUndefined();
  });

  it('does not route a plan of two fetches, or one that differs from the client operation', () => {
    // Two subgraphs: documents and the caller's own profile.
    expect(learn(routes(), '{ documents(first: 2) { totalCount } me { id } }')).toBeUndefined();
    // The customer's number is not provided by the document subgraph: an entity fetch follows.
    expect(
      learn(routes(), '{ documents(first: 2) { edges { node { customer { number } } } } }'),
    ).toBeUndefined();
  });

  it('does not route when the client declares variables the subgraph operation leaves out', () => {
    const query = 'query Q($unused: Int) { documents(first: 2) { totalCount } }';
    expect(learn(routes(), query, 'Q')).toBeUndefined();
  });

  it('keys by operation name: one document, two operations, two answers', () => {
    const query =
      'query A { documents(first: 2) { totalCount } } query B { me { id } x: me { id } }';
    const known = routes();
    expect(learn(known, query, 'A')?.serviceName).toBe('document');
    expect(known.find(query, 'B')).toBeUndefined();
  });
});
