import { PUBLIC_ROOT_FIELDS } from '@portico/auth';
import {
  AUTH_FIELDS,
  errorCode,
  graphqlData,
  graphqlRequest,
  requestRegistration,
  startTestPlatform,
  TEST_PASSWORD,
  type Auth,
  type TestPlatform,
} from '@portico/local-infra';
import {
  expected,
  POLICY,
  PRINCIPALS,
  type Operation,
  type Outcome,
  type Principal,
} from './authorization-policy';
import { buildWorld, type World } from './authorization-world';
import { rootFieldOperations } from './root-field-operations';

/**
 * Authorization through the gateway, crossing boundaries on purpose. Operations are generated
 * from the supergraph, so a new root field is covered the moment it exists.
 */
let running: TestPlatform;
let gateway: string;

beforeAll(async () => {
  // The test client stands in for a load balancer on loopback.
  running = await startTestPlatform('authorization', 5500, {
    providerEnv: { TRUSTED_PROXIES: '127.0.0.1/32', SIGNUPS_PER_ADDRESS: '4' },
  });
  gateway = running.platform.gatewayUrl;
}, 120_000);
afterAll(() => running?.stop());

/**
 * Registers an organization as a client at `address` (the trusted proxy's X-Forwarded-For):
 * registrations here never count against 127.0.0.1, which other test files' platforms share.
 */
const registerFrom = (address: string, slug: string) =>
  requestRegistration(gateway, slug, { 'x-forwarded-for': address });

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

describe('client addresses behind a trusted proxy', () => {
  it('audits the address the proxy saw, not what the client wrote further left', async () => {
    const owner = (await registerFrom('203.0.113.10', 'proxied')).data!.registerOrganization;
    const signedIn = await graphqlRequest<{ login: Auth }>(
      gateway,
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${AUTH_FIELDS} } }`,
      { e: 'owner@proxied.example', p: TEST_PASSWORD },
      { headers: { 'x-forwarded-for': '198.51.100.23, 203.0.113.9' } },
    );
    expect(signedIn.errors).toBeUndefined();
    const { auditLog } = await graphqlData<{ auditLog: { edges: { node: { ip: string } }[] } }>(
      gateway,
      '{ auditLog(filter: { action: "user.signed-in" }) { edges { node { ip } } } }',
      {},
      { token: owner.accessToken },
    );
    expect(auditLog.edges.map((edge) => edge.node.ip)).toEqual(['203.0.113.9']);
  });
});

describe('sign-up', () => {
  it('limits registrations from one client address', async () => {
    for (let i = 1; i <= 4; i++)
      expect((await registerFrom('198.51.100.77', `flood-${i}`)).errors).toBeUndefined();
    // Past the free four, each sign-up waits 1 s, 2 s, 4 s after the one before: a burst of
    // three side by side must meet a wait whatever the machine's speed (a single fifth
    // sign-up passes when the fourth took longer than 1 s; attempt-throttle.int.test.ts
    // checks the exact waits on a controlled clock).
    const burst = await Promise.all(
      [5, 6, 7].map((i) => registerFrom('198.51.100.77', `flood-${i}`)),
    );
    const codes = burst.map((answer) => (answer.errors ? errorCode(answer) : 'OK'));
    expect(codes).toContain('RATE_LIMITED');
    expect(codes.filter((code) => code !== 'OK' && code !== 'RATE_LIMITED')).toEqual([]);
    expect((await registerFrom('198.51.100.78', 'elsewhere-1')).errors).toBeUndefined();
  });
});

describe('the authorization matrix (gateway/test/authorization-policy.ts)', () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(running, async (address, slug) => {
      const registered = await registerFrom(address, slug);
      if (!registered.data) throw new Error(JSON.stringify(registered.errors));
      return registered.data.registerOrganization;
    });
  }, 180_000);

  it('has a policy for every field that needs a principal, and none for fields that do not exist', () => {
    const needed = needingPrincipal.map((op) => op.name).sort();
    expect(Object.keys(POLICY).sort()).toEqual(needed);
  });

  const principals: Principal[] = ['ANONYMOUS', 'REVOKED', ...PRINCIPALS];
  const cells = Object.entries(POLICY).flatMap(([field, policy]) =>
    principals.flatMap((principal) =>
      (['T1', 'T2'] as const)
        .map((target) => ({
          field,
          principal,
          target,
          outcome: expected(field, principal, target),
        }))
        // Allowed calls that destroy what other cells read run in their feature tests.
        .filter((cell) => !(policy.allowedIn && cell.outcome === 'ok')),
    ),
  );

  it.each(cells.map((cell) => [cell.field, cell.principal, cell.target, cell.outcome] as const))(
    '%s as %s on %s: %s',
    async (field, principal, target, outcome) => {
      const policy = POLICY[field]!;
      const operation = policy.operation(world, world[target], principal);
      const answer = await graphqlRequest(gateway, operation.query, operation.variables ?? {}, {
        token: world.tokens[principal] ?? undefined,
      });
      const seen = outcomeOf(answer, operation, field.split('.')[1]!);
      expect(matches(outcome, seen, policy.okWhen ?? []) ? outcome : seen).toBe(outcome);
    },
  );
});

/** What an answer amounts to: its error code, NULL, HIDDEN (the target not in it) or ok. */
function outcomeOf(
  answer: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: unknown } }[] },
  operation: Operation,
  field: string,
): string {
  const code = answer.errors?.[0]?.extensions?.code;
  if (typeof code === 'string') return code;
  if (answer.data?.[field] === null) return 'NULL';
  if (operation.shows)
    return JSON.stringify(answer.data).includes(operation.shows) ? 'ok' : 'HIDDEN';
  return 'ok';
}

function matches(expectedOutcome: Outcome, seen: string, okWhen: string[]): boolean {
  if (expectedOutcome === 'ok') return seen === 'ok' || okWhen.includes(seen);
  // Null for a field that may be null gives away as little as the error.
  if (expectedOutcome === 'NOT_FOUND') return seen === 'NOT_FOUND' || seen === 'NULL';
  return seen === expectedOutcome;
}
