import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { AuthContext } from '@portico/auth';
import { AppError } from '@portico/errors';
import { guardRootFields } from './root-field-guard';
import type { SubgraphContext } from './serve-subgraph';

const contextOf = (auth: AuthContext) => ({ auth }) as SubgraphContext;
const anonymous = contextOf({ kind: 'ANONYMOUS' });
const staff = contextOf({
  kind: 'STAFF',
  role: 'ADMIN',
  tenantId: 't1',
  userId: 'u1',
  sessionId: 's1',
});
type Resolve = (parent: unknown, args: unknown, context: SubgraphContext, info: unknown) => unknown;

describe('guardRootFields', () => {
  const ran: string[] = [];
  const resolverOf = (name: string) => () => (ran.push(name), name);
  const guarded = guardRootFields({
    Query: { documents: resolverOf('documents') },
    Mutation: { login: resolverOf('login'), createCustomer: resolverOf('createCustomer') },
    Document: { number: resolverOf('number') },
  } as GraphQLResolverMap<SubgraphContext>);
  const call = (type: string, field: string, context: SubgraphContext) =>
    ((guarded[type] as Record<string, Resolve>)[field] as Resolve)({}, {}, context, {});
  beforeEach(() => (ran.length = 0));

  it.each([
    ['Query', 'documents'],
    ['Mutation', 'createCustomer'],
  ])('refuses an anonymous caller of %s.%s before it runs', (type, field) => {
    expect(() => call(type, field, anonymous)).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }) as AppError,
    );
    expect(ran).toEqual([]);
  });

  it('lets a principal through, and anyone to a public field or a field of another type', () => {
    expect(call('Query', 'documents', staff)).toBe('documents');
    expect(call('Mutation', 'login', anonymous)).toBe('login');
    expect(call('Document', 'number', anonymous)).toBe('number');
    expect(ran).toEqual(['documents', 'login', 'number']);
  });

  it('refuses to start with a root field it cannot guard', () => {
    expect(() =>
      guardRootFields({
        Query: { documents: { resolve: () => [] } },
      } as unknown as GraphQLResolverMap<SubgraphContext>),
    ).toThrow('Query.documents: a root resolver must be a function');
  });
});
