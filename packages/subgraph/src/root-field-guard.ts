import type { GraphQLResolverMap } from '@apollo/subgraph';
import { PUBLIC_ROOT_FIELDS, requirePrincipal } from '@portico/auth';
import type { SubgraphContext } from './serve-subgraph';

const ROOT_TYPES = ['Query', 'Mutation'];

/**
 * The resolvers with every Query and Mutation field outside PUBLIC_ROOT_FIELDS refusing an
 * anonymous caller before it runs. One guard for all, so a new field cannot forget it and
 * answer a caller without a token with an empty list.
 */
export function guardRootFields<TContext extends SubgraphContext>(
  resolvers: GraphQLResolverMap<TContext>,
): GraphQLResolverMap<TContext> {
  const guarded: GraphQLResolverMap<TContext> = { ...resolvers };
  for (const typeName of ROOT_TYPES) {
    const fields = resolvers[typeName] as Record<string, unknown> | undefined;
    if (!fields) continue;
    guarded[typeName] = Object.fromEntries(
      Object.entries(fields).map(([name, resolve]) => {
        if (PUBLIC_ROOT_FIELDS.has(name)) return [name, resolve];
        if (typeof resolve !== 'function')
          throw new Error(`${typeName}.${name}: a root resolver must be a function`);
        return [
          name,
          (parent: unknown, args: unknown, context: TContext, info: unknown) => {
            requirePrincipal(context.auth);
            return (resolve as (...all: unknown[]) => unknown)(parent, args, context, info);
          },
        ];
      }),
    ) as GraphQLResolverMap<TContext>[string];
  }
  return guarded;
}
