/**
 * `pnpm bench:load`: traffic like a portal's, from many users at once, through
 *   (a) our gateway,
 *   (c) Hive Gateway and (d) @apollo/gateway with defaults, on the same
 *       supergraph and subgraphs (peer-gateway.ts),
 *   (e) a bare proxy in front of the document subgraph, for contacts'
 *       document lists only (what it can serve): the least a process in the
 *       path costs, against (a) with the same lists.
 * Data (load-world.ts): BENCH_LOAD_TENANTS (20) tenants, BENCH_LOAD_CUSTOMERS
 * (2,000) customers, BENCH_LOAD_CONTACTS (5,000) joined contacts, each with
 * their own token, BENCH_LOAD_DOCUMENTS (200,000) documents of every type,
 * currency and payment state, with payments and comments.
 * Traffic (load-mix.ts): closed loop at BENCH_LOAD_CONNECTIONS (1,16,64) for
 * BENCH_LOAD_SECONDS (20) each after 5 s of warm-up; then open loop, stepping
 * through BENCH_LOAD_RATES (25,50,100,200,400 requests/s) until p99 passes
 * 100 ms. BENCH_LOAD_TARGETS (a,c,d) picks the gateways.
 * BENCH_LOAD_TRACING=<ratio> runs the platform with tracing on at that
 * sampling ratio: CPU per request against a run without it is its cost.
 * Prints requests/s, p50/p95/p99 per operation, CPU ms per request per
 * process, errors (every answer is checked for GraphQL errors), and ratios;
 * asserts nothing.
 */
import {
  eventually,
  graphqlRequest,
  settle,
  startProviders,
  startTestPlatform,
  startTraceCollector,
} from '@portico/local-infra';
import { runLoad, type LoadFigures } from './load-driver';
import { nextDocumentList, nextRequest, seededRandom, type LoadRequest } from './load-mix';
import { seedWorld, type World } from './load-world';
import { runSupergraph, startPeer, stopPeers, type Peer } from './peers';

const numberList = (name: string, fallback: string) =>
  (process.env[name] ?? fallback).split(',').map(Number);
const SIZE = {
  tenants: Number(process.env.BENCH_LOAD_TENANTS ?? 20),
  customers: Number(process.env.BENCH_LOAD_CUSTOMERS ?? 2_000),
  contacts: Number(process.env.BENCH_LOAD_CONTACTS ?? 5_000),
  documents: Number(process.env.BENCH_LOAD_DOCUMENTS ?? 200_000),
};
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const CONNECTIONS = numberList('BENCH_LOAD_CONNECTIONS', '1,16,64');
const RATES = numberList('BENCH_LOAD_RATES', '25,50,100,200,400');
const TARGETS = (process.env.BENCH_LOAD_TARGETS ?? 'a,c,d').split(',');
const TRACE_RATIO = process.env.BENCH_LOAD_TRACING;
const BASE_PORT = 5300;
const P99_GOAL_MS = 100;

interface Target {
  key: string;
  name: string;
  url: string;
  /** The role (see startCpuCount) whose CPU is the gateway's own. */
  role: string;
}

const ms = (value: number) => value.toFixed(1);

function print(label: string, target: Target, figures: LoadFigures): void {
  const cpu = [...figures.cpuMsPerRequest]
    .filter(([, perRequest]) => perRequest >= 0.05)
    .sort(([, x], [, y]) => y - x)
    .map(([role, perRequest]) => `${role} ${perRequest.toFixed(2)}`)
    .join(', ');
  console.log(
    `${target.name.padEnd(30)} ${label}: ${figures.rps.toFixed(0)} req/s, p50 ${ms(figures.all.p50)} ms, p95 ${ms(figures.all.p95)}, p99 ${ms(figures.all.p99)}, errors ${figures.errors}; CPU ms/req: ${cpu}`,
  );
  for (const [operation, op] of figures.byOperation)
    console.log(
      `    ${operation.padEnd(24)} ${String(op.count).padStart(6)}  p50 ${ms(op.p50)}  p95 ${ms(op.p95)}  p99 ${ms(op.p99)}`,
    );
  for (const sample of figures.errorSamples) console.log(`    error: ${sample}`);
}

/** A warm-up, not counted: JIT, query plans, sockets, the subgraphs' kept reads. */
const warmUp = (url: string, next: () => LoadRequest) =>
  runLoad({ url, next, seconds: 5, connections: 8 });

async function closedLoop(targets: Target[], world: World) {
  const results = new Map<string, LoadFigures>();
  for (const connections of CONNECTIONS)
    for (const target of targets) {
      // The same sequence of users and requests for every target.
      const random = seededRandom(connections);
      const next = () => nextRequest(random, world);
      await warmUp(target.url, next);
      const figures = await runLoad({ url: target.url, next, seconds: SECONDS, connections });
      print(`${connections} conn`, target, figures);
      results.set(`${target.key}@${connections}`, figures);
    }
  for (const connections of CONNECTIONS) {
    const ours = results.get(`a@${connections}`);
    const others = targets.filter((target) => target.key !== 'a');
    if (!ours) continue;
    console.log(
      `${connections} conn: ${others
        .map((other) => {
          const theirs = results.get(`${other.key}@${connections}`)!;
          return `(a)/${other.name.split(' ')[0]} ${(ours.rps / theirs.rps).toFixed(2)}x req/s, p99 ${ms(ours.all.p99)} vs ${ms(theirs.all.p99)} ms`;
        })
        .join('; ')} (goal: ahead of each)`,
    );
  }
}

/** The highest rate each target answers with p99 within the goal, stepping up until it cannot. */
async function openLoop(targets: Target[], world: World) {
  for (const target of targets) {
    let passed = 0;
    for (const rate of RATES) {
      const random = seededRandom(rate);
      const figures = await runLoad({
        url: target.url,
        next: () => nextRequest(random, world),
        seconds: SECONDS,
        rate,
      });
      print(`${rate}/s open loop`, target, figures);
      if (figures.all.p99 > P99_GOAL_MS || figures.errors) break;
      passed = rate;
    }
    console.log(
      `${target.name}: p99 within ${P99_GOAL_MS} ms up to ${passed || 'none'} of ${RATES.join(', ')} requests/s`,
    );
  }
}

/** Our gateway's CPU per request against a bare proxy's, on the lists a proxy can serve. */
async function againstBareProxy(ours: Target, bareProxy: Target, world: World) {
  const perRequest = new Map<string, number>();
  for (const target of [ours, bareProxy]) {
    const random = seededRandom(16);
    const next = () => nextDocumentList(random, world);
    await warmUp(target.url, next);
    const figures = await runLoad({ url: target.url, next, seconds: SECONDS, connections: 16 });
    print('16 conn, contacts’ document lists only', target, figures);
    perRequest.set(target.key, figures.cpuMsPerRequest.get(target.role) ?? NaN);
  }
  console.log(
    `gateway CPU per request, document lists at 16 conn: (a) ${perRequest.get('a')!.toFixed(3)} ms, (e) ${perRequest.get('e')!.toFixed(3)} ms: ${(perRequest.get('a')! / perRequest.get('e')!).toFixed(2)}x (goal ≤ 2x)`,
  );
}

async function main(): Promise<void> {
  const providers = await startProviders('test');
  Object.assign(process.env, providers.env);
  const collector = TRACE_RATIO ? await startTraceCollector() : null;
  const running = await startTestPlatform('bench-load', BASE_PORT, {
    providerEnv: {
      // The bench outlasts the default 15 minutes; one token per user for the whole run.
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      ...(collector
        ? {
            OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
            OTEL_TRACES_SAMPLER_ARG: TRACE_RATIO!,
          }
        : {}),
    },
  });
  const peers: Peer[] = [];
  try {
    console.log(
      `seeding ${SIZE.tenants} tenants, ${SIZE.customers} customers, ${SIZE.contacts} contacts, ${SIZE.documents} documents`,
    );
    const world = await seedWorld(running, SIZE);
    const supergraph = runSupergraph(running, 'load');
    const documentPort = running.platform.processes.find((p) => p.name === 'document')!.port;
    const [hive, apolloDefault, bareProxy] = (
      ['hive', 'apollo-default', 'bare-proxy'] as const
    ).map((kind, i) =>
      startPeer(
        kind,
        BASE_PORT + 20 + i,
        supergraph,
        running,
        `http://127.0.0.1:${documentPort}/graphql`,
      ),
    ) as [Peer, Peer, Peer];
    peers.push(hive, apolloDefault, bareProxy);
    const all: Target[] = [
      { key: 'a', name: '(a) our gateway', url: running.platform.gatewayUrl, role: 'gateway' },
      { key: 'c', name: '(c) Hive Gateway', url: hive.url, role: 'peer hive' },
      {
        key: 'd',
        name: '(d) @apollo/gateway',
        url: apolloDefault.url,
        role: 'peer apollo-default',
      },
    ];
    const targets = all.filter((target) => TARGETS.includes(target.key));
    const probe = { authorization: `Bearer ${world.staff[0]!.token}` };
    for (const url of [...all.map((target) => target.url), bareProxy.url])
      await eventually(
        () =>
          graphqlRequest(url, '{ __typename }', {}, { headers: probe })
            .then((answer) => answer.status === 200)
            .catch(() => false),
        60_000,
      );
    // Seeding's events (invitations, joins) must not land on the first target.
    await settle();
    await closedLoop(targets, world);
    await openLoop(targets, world);
    await againstBareProxy(
      all[0]!,
      { key: 'e', name: '(e) bare proxy', url: bareProxy.url, role: 'peer bare-proxy' },
      world,
    );
  } finally {
    stopPeers(peers);
    await running.stop();
    await providers.stop();
    if (collector) {
      console.log(`tracing on at ${TRACE_RATIO}: ${collector.spans.length} spans received`);
      await collector.close();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
