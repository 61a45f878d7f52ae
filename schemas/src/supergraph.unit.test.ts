import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { composeSupergraph, readSupergraph } from './index';

describe('supergraph', () => {
  it('composes from the subgraph SDLs and matches the checked-in file (run `pnpm supergraph` after an SDL change)', () => {
    expect(composeSupergraph()).toBe(readSupergraph());
  });

  it('joins Document.customer to the customer subgraph through the Customer entity', () => {
    const supergraph = readSupergraph();
    expect(supergraph).toMatch(/type Customer[\s\S]*@join__type\(graph: CUSTOMER, key: "id"\)/);
    expect(supergraph).toMatch(/type Document[\s\S]*@join__type\(graph: DOCUMENT, key: "id"\)/);
  });

  describe('query plans', () => {
    const supergraph = Supergraph.build(readSupergraph());
    const planner = new QueryPlanner(supergraph);
    const fetchesOf = (query: string) => {
      const plan = planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query)));
      return [...prettyFormatQueryPlan(plan).matchAll(/Fetch\(service: "(\w+)"/g)].map(
        ([, service]) => service,
      );
    };

    it('lists documents with their customers’ names in one call to the document service', () => {
      expect(
        fetchesOf(
          '{ documents(first: 20) { edges { node { number customer { displayName } } } } }',
        ),
      ).toEqual(['document']);
    });

    it('still asks the customer service for what only it knows', () => {
      expect(
        fetchesOf('{ documents { edges { node { number customer { displayName number } } } } }'),
      ).toEqual(['document', 'customer']);
    });
  });
});
