import { graphql, buildSchema, type GraphQLResolveInfo } from 'graphql';
import { selectsPath } from './selects-path';

const schema = buildSchema(`
  type Customer { id: ID!, displayName: String! }
  type Document { id: ID!, customer: Customer! }
  type Edge { node: Document! }
  type Page { edges: [Edge!]! }
  type Query { documents: Page! }
`);

/** Runs `query` and reports what selectsPath said inside the documents resolver. */
async function asks(query: string): Promise<boolean> {
  let answer: boolean | undefined;
  const rootValue = {
    documents: (_: unknown, __: unknown, info: GraphQLResolveInfo) => {
      answer = selectsPath(info, ['edges', 'node', 'customer', 'displayName']);
      return { edges: [] };
    },
  };
  const result = await graphql({ schema, source: query, rootValue });
  expect(result.errors).toBeUndefined();
  return answer!;
}

describe('selectsPath', () => {
  it('finds a field asked for directly', async () => {
    expect(await asks('{ documents { edges { node { customer { displayName } } } } }')).toBe(true);
  });

  it('finds it through inline fragments and fragment spreads', async () => {
    expect(
      await asks(
        '{ documents { edges { ... on Edge { node { ...C } } } } } fragment C on Document { customer { displayName } }',
      ),
    ).toBe(true);
  });

  it('is false when only part of the path, or a sibling, is asked for', async () => {
    expect(await asks('{ documents { edges { node { customer { id } } } } }')).toBe(false);
    expect(await asks('{ documents { edges { node { id } } } }')).toBe(false);
  });
});
