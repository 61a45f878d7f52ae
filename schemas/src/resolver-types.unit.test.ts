import { readFileSync } from 'node:fs';
import { SUBGRAPHS, type SubgraphName } from './index';
import { generateResolverTypes, resolverTypesPath } from './resolver-types';

describe('resolver types', () => {
  it.each(Object.keys(SUBGRAPHS) as SubgraphName[])(
    '%s: generated from its SDL, matches the checked-in file (run `pnpm resolver-types` after an SDL change)',
    async (name) => {
      expect(await generateResolverTypes(name)).toBe(readFileSync(resolverTypesPath(name), 'utf8'));
    },
  );

  it('types entity resolution and maps GraphQL types to the records resolvers receive', async () => {
    const identity = await generateResolverTypes('identity');
    expect(identity).toMatch(
      /export type UserResolvers<[^>]*>[^]*?__resolveReference\?: ReferenceResolver/,
    );
    expect(identity).toContain(
      "import type { SeenUser as SeenUserMapper } from '../resolvers/user';",
    );
    expect(identity).toMatch(/ContextType = IdentityContext/);
  });
});
