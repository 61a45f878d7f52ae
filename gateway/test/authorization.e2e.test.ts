import { PUBLIC_ROOT_FIELDS } from '@portico/auth';
import { graphqlRequest, startTestPlatform, type TestPlatform } from '@portico/local-infra';
import { rootFieldOperations } from './root-field-operations';

/**
 * Authorization through the gateway, crossing boundaries on purpose. Operations are generated
 * from the supergraph, so a new root field is covered the moment it exists.
 */
let running: TestPlatform;
let gateway: string;

beforeAll(async () => {
  running = await startTestPlatform('authorization', 5500);
  gateway = running.platform.gatewayUrl;
}, 120_000);
afterAll(() => running?.stop());

const operations = rootFieldOperations();
const needingPrincipal = operations.filter((op) => !PUBLIC_ROOT_FIELDS.has(op.field));

describe('callers without a valid token', () => {
  it('has a field in the supergraph for every public name', () => {
    const fields = new Set(operations.map((op) => op.field));
    expect([...PUBLIC_ROOT_FIELDS].filter((name) => !fields.has(name))).toEqual([]);
    expect(needingPrincipal.length).toBeGreaterThan(50);
  });

  it.each(needingPrincipal.map((op) => [op.name, op] as const))(
    'an anonymous %s answers UNAUTHENTICATED, never an empty answer',
    async (_name, op) => {
      const answer = await graphqlRequest(gateway, op.query, op.variables);
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(answer.data?.[op.field as never] ?? null).toBeNull();
    },
  );

  it.each(operations.map((op) => [op.name, op] as const))(
    'a made-up token on %s answers UNAUTHENTICATED',
    async (_name, op) => {
      const answer = await graphqlRequest(gateway, op.query, op.variables, {
        token: 'eyJhbGciOiJFZERTQSJ9.e30.c2ln',
      });
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    },
  );
});
