/**
 * `pnpm bench:identity`: token verification throughput on one core, password
 * hashing time, and sign-in latency through the gateway on the local stack.
 * Prints figures; asserts nothing.
 */
import { join } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import {
  createTokenVerifierFromKeys,
  RevocationList,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
} from '@portico/auth';
import {
  cacheDir,
  graphqlData,
  graphqlRequest,
  startPlatform,
  startProviders,
  percentile,
} from '@portico/local-infra';
import { hashPassword } from '../src/passwords';

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (n=${ms.length})`;
};

async function tokenVerification(): Promise<void> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' };
  const revocations = new RevocationList();
  for (let i = 0; i < 10_000; i++) revocations.add(`revoked-${i}`, new Date(Date.now() + 900_000));
  const verifier = createTokenVerifierFromKeys(createLocalJWKSet({ keys: [jwk] }), revocations);
  const token = await new SignJWT({ tid: 't', kind: 'STAFF', role: 'ADMIN', sid: 's' })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'k1', typ: 'at+jwt' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject('u')
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(privateKey);
  const header = `Bearer ${token}`;
  for (let i = 0; i < 2_000; i++) await verifier.authenticate(header); // warm-up
  const started = process.hrtime.bigint();
  let count = 0;
  while (process.hrtime.bigint() - started < 3_000_000_000n) {
    await verifier.authenticate(header);
    count++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `token verification: ${Math.round(count / seconds)} tokens/s on one core (EdDSA, 10,000 revoked sessions listed)`,
  );
}

async function passwordHashing(): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    await hashPassword('correct horse battery staple');
    times.push(performance.now() - started);
  }
  console.log(`password hash (scrypt N=2^17 r=8 p=1): ${summary(times)}`);
}

async function signInThroughGateway(): Promise<void> {
  const providers = await startProviders('test');
  const platform = await startPlatform({
    providerEnv: { ...providers.env, SMTP_URL: 'smtp://127.0.0.1:9' },
    basePort: 4300,
    logDir: join(cacheDir, 'test/logs/bench-identity'),
    logLevel: 'warn',
  });
  try {
    const gateway = platform.gatewayUrl;
    await graphqlData(
      gateway,
      'mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { accessToken } }',
      {
        i: {
          name: 'Bench',
          slug: 'bench',
          ownerEmail: 'owner@bench.example',
          ownerPassword: 'a long enough passphrase',
          ownerFirstName: 'B',
          ownerLastName: 'B',
        },
      },
    );
    const LOGIN =
      'mutation { login(email: "owner@bench.example", password: "a long enough passphrase") { accessToken } }';
    const WRONG =
      'mutation { login(email: "owner@bench.example", password: "not the passphrase") { accessToken } }';
    const UNKNOWN =
      'mutation { login(email: "nobody@bench.example", password: "not the passphrase") { accessToken } }';
    const measure = async (query: string, n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        await graphqlRequest(gateway, query);
        times.push(performance.now() - started);
      }
      return times;
    };
    await measure(LOGIN, 3); // warm-up
    console.log(`sign-in through the gateway, success:       ${summary(await measure(LOGIN, 40))}`);
    console.log(
      `sign-in through the gateway, wrong password: ${summary(await measure(WRONG, 20))}`,
    );
    console.log(
      `sign-in through the gateway, unknown email:  ${summary(await measure(UNKNOWN, 20))}`,
    );
    const me = 'query { me { id } }';
    const { login } = await graphqlData<{ login: { accessToken: string } }>(gateway, LOGIN);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await graphqlRequest(gateway, me, {}, { token: login.accessToken });
      times.push(performance.now() - started);
    }
    console.log(`authenticated \`me\` through the gateway:    ${summary(times)}`);
  } finally {
    await platform.stop();
    await providers.stop();
  }
}

async function main(): Promise<void> {
  console.log(`identity benchmark on ${(await import('node:os')).cpus().length} cores`);
  await tokenVerification();
  await passwordHashing();
  await signInThroughGateway();
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
