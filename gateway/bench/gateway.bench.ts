/**
 * `pnpm bench:gateway`: a contact's `documents(first: 20)` with
 * `customer { displayName }` (document and customer subgraphs), with
 * autocannon at 1 and 16 connections through
 *   (a) our gateway,
 *   (b) straight to the document subgraph (the same document fields, the
 *       customer as its key only: what (a) adds is the gateway and the join),
 *   (b') straight to the document subgraph with the operation the gateway
 *       sends it (the customer's name included, which the document subgraph
 *       provides): what (a) adds is the gateway alone,
 *   (c) Hive Gateway on the same supergraph,
 *   (d) @apollo/gateway with default settings on the same supergraph,
 *   (e) no gateway, a bare proxy (node:http and undici) in front of the
 *       document subgraph: the least any gateway process in the path adds,
 *       so (e)/(d) bounds what (a)/(d) can reach at one connection.
 * Prints requests/s, p50 and p99 of each, the CPU time its serving process
 * spent per request (the gateway's own cost, steadier on a shared machine
 * than throughput, and the document subgraph's), and the ratios; asserts
 * nothing. Each figure is the mean of two rounds, the second in reverse order.
 * BENCH_GATEWAY_SECONDS (default 10) per measurement, after 3 s of warm-up;
 * BENCH_GATEWAY_CONNECTIONS (default 1,16) the connection counts to run;
 * BENCH_GATEWAY_TARGETS (default all: a,b,b',c,d,e) the targets to measure.
 * BENCH_GATEWAY_PROFILE=1 writes a CPU profile of our gateway (and the
 * document subgraph) to .cache/bench/profiles when they stop.
 * BENCH_GATEWAY_TRACING=<ratio> runs the platform with tracing on, sampling
 * that share of traces, exporting to an OTLP receiver in this process: the
 * CPU per request against a run without it is what tracing costs.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  cpuMs,
  settle,
  cacheDir,
  eventually,
  grantAndJoin,
  graphqlData,
  issueInvoice,
  percentile,
  registerOrganization,
  startProviders,
  startTestPlatform,
  startTraceCollector,
} from '@portico/local-infra';
import { GATEWAY_SECRET_HEADER } from '@portico/subgraph';
import { runSupergraph, startPeer, stopPeers, type Peer } from './peers';

const SECONDS = Number(process.env.BENCH_GATEWAY_SECONDS ?? 10);
const CONNECTIONS = (process.env.BENCH_GATEWAY_CONNECTIONS ?? '1,16').split(',').map(Number);
const TARGETS = process.env.BENCH_GATEWAY_TARGETS?.split(',').map((name) => `(${name.trim()})`);
const TRACE_RATIO = process.env.BENCH_GATEWAY_TRACING;
const DOCUMENTS = 30;
const BASE_PORT = 5100;
const PEER_PORTS = {
  hive: BASE_PORT + 10,
  'apollo-default': BASE_PORT + 11,
  'bare-proxy': BASE_PORT + 12,
} as const;

const FIELDS = 'id number type issueDate dueDate currency grossTotal balanceDue status';
const THROUGH_GATEWAY = `{ documents(first: 20) { edges { node { ${FIELDS} customer { displayName } } } } }`;
const STRAIGHT_TO_SUBGRAPH = `{ documents(first: 20) { edges { node { ${FIELDS} customer { id } } } } }`;

interface Target {
  name: string;
  url: string;
  query: string;
  headers: Record<string, string>;
  /** The process that serves it: its CPU time per request is the gateway's own cost. */
  pid: number;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  cpuMsPerRequest: number;
  /** The document subgraph's CPU time per request, whoever called it. */
  subgraphCpuMsPerRequest: number;
}

async function measure(target: Target, connections: number, subgraphPid: number): Promise<Figures> {
  const options = {
    url: target.url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...target.headers },
    body: JSON.stringify({ query: target.query }),
    connections,
  };
  await autocannon({ ...options, duration: 3 }); // warm-up: JIT, query plans, sockets
  const cpuBefore = cpuMs(target.pid);
  const subgraphCpuBefore = cpuMs(subgraphPid);
  const { result, times } = await run({ ...options, duration: SECONDS });
  times.sort((x, y) => x - y);
  return {
    rps: result.requests.average,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    errors: result.errors + result.non2xx + result.timeouts,
    cpuMsPerRequest: (cpuMs(target.pid) - cpuBefore) / result.requests.total,
    subgraphCpuMsPerRequest: (cpuMs(subgraphPid) - subgraphCpuBefore) / result.requests.total,
  };
}

/**
 * An autocannon run with the time of every answered request: its own
 * histogram counts whole milliseconds, too coarse for answers under one.
 */
function run(options: autocannon.Options): Promise<{ result: autocannon.Result; times: number[] }> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon(options, (error: unknown, result) =>
      error ? reject(error as Error) : resolve({ result, times }),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 300) times.push(responseTime);
    });
  });
}

function average(runs: Figures[]): Figures {
  const mean = (pick: (figures: Figures) => number) =>
    runs.reduce((sum, figures) => sum + pick(figures), 0) / runs.length;
  return {
    rps: mean((f) => f.rps),
    p50: mean((f) => f.p50),
    p99: mean((f) => f.p99),
    errors: runs.reduce((sum, figures) => sum + figures.errors, 0),
    cpuMsPerRequest: mean((f) => f.cpuMsPerRequest),
    subgraphCpuMsPerRequest: mean((f) => f.subgraphCpuMsPerRequest),
  };
}

/** One request, checked: 20 documents with the customer's name (or id), no errors. */
async function check(target: Target): Promise<void> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: JSON.stringify({ query: target.query }),
  });
  const body = (await response.json()) as {
    data?: { documents: { edges: { node: { customer: Record<string, string> } }[] } };
    errors?: unknown;
  };
  const edges = body.data?.documents.edges ?? [];
  if (body.errors || edges.length !== 20 || !edges.every((edge) => edge.node.customer))
    throw new Error(`${target.name} answered wrongly: ${JSON.stringify(body).slice(0, 300)}`);
}

async function main(): Promise<void> {
  const providers = await startProviders('test');
  Object.assign(process.env, providers.env);
  const profile = [`--cpu-prof`, `--cpu-prof-dir=${join(cacheDir, 'bench/profiles')}`];
  const collector = TRACE_RATIO ? await startTraceCollector() : null;
  const running = await startTestPlatform('bench-gateway', BASE_PORT, {
    nodeArgs: process.env.BENCH_GATEWAY_PROFILE ? { gateway: profile, document: profile } : {},
    providerEnv: collector
      ? {
          OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
          OTEL_TRACES_SAMPLER_ARG: TRACE_RATIO!,
        }
      : {},
  });
  if (collector) console.log(`tracing on, sampling ${TRACE_RATIO} of new traces`);
  const peers: Peer[] = [];
  try {
    const gateway = running.platform.gatewayUrl;
    const org = `bench-gw-${randomUUID().slice(0, 6)}`;
    const { accessToken: staff } = await registerOrganization(gateway, org);
    const ask = <T>(query: string, variables: Record<string, unknown>) =>
      graphqlData<T>(gateway, query, variables, { token: staff });
    const { createCustomer } = await ask<{ createCustomer: { id: string } }>(
      'mutation { createCustomer(input: { type: COMPANY, companyName: "Benchmark GmbH" }) { id } }',
      {},
    );
    const customerId = createCustomer.id;
    for (let i = 0; i < DOCUMENTS; i++)
      await issueInvoice(gateway, staff, customerId, {
        lines: [
          { description: 'Service', quantity: '1', unitPrice: `${100 + i}.00`, taxRate: '19' },
        ],
      });
    const { contact } = await grantAndJoin(running, staff, org, customerId, {
      email: `bench@${org}.example`,
    });
    const bearer = { authorization: `Bearer ${contact.accessToken}` };

    const pids = Object.fromEntries(running.platform.processes.map((p) => [p.name, p.process.pid]));
    const documentPort = running.platform.processes.find((p) => p.name === 'document')!.port;
    const documentSubgraph = `http://127.0.0.1:${documentPort}/graphql`;
    // The peers read the same supergraph, pointed at this run's subgraphs.
    const supergraphFile = runSupergraph(running, 'gateway');
    const [hive, apolloDefault, bareProxy] = (
      ['hive', 'apollo-default', 'bare-proxy'] as const
    ).map((kind) =>
      startPeer(kind, PEER_PORTS[kind], supergraphFile, running, documentSubgraph),
    ) as [Peer, Peer, Peer];
    peers.push(hive, apolloDefault, bareProxy);

    const allTargets: Target[] = [
      {
        name: '(a) our gateway',
        url: gateway,
        query: THROUGH_GATEWAY,
        headers: bearer,
        pid: pids.gateway!,
      },
      {
        name: '(b) document subgraph',
        url: documentSubgraph,
        query: STRAIGHT_TO_SUBGRAPH,
        headers: { ...bearer, [GATEWAY_SECRET_HEADER]: running.platform.gatewaySecret },
        pid: pids.document!,
      },
      {
        name: "(b') document subgraph, gateway's fetch",
        url: documentSubgraph,
        query: THROUGH_GATEWAY,
        headers: { ...bearer, [GATEWAY_SECRET_HEADER]: running.platform.gatewaySecret },
        pid: pids.document!,
      },
      {
        name: '(c) Hive Gateway',
        url: hive.url,
        query: THROUGH_GATEWAY,
        headers: bearer,
        pid: hive.process.pid!,
      },
      {
        name: '(d) @apollo/gateway defaults',
        url: apolloDefault.url,
        query: THROUGH_GATEWAY,
        headers: bearer,
        pid: apolloDefault.process.pid!,
      },
      {
        name: '(e) bare proxy, no gateway',
        url: bareProxy.url,
        query: THROUGH_GATEWAY,
        headers: bearer,
        pid: bareProxy.process.pid!,
      },
    ];
    const targets = allTargets.filter(
      (target) => !TARGETS || TARGETS.some((name) => target.name.startsWith(`${name} `)),
    );
    for (const target of targets)
      await eventually(
        () =>
          check(target)
            .then(() => true)
            .catch(() => false),
        60_000,
      );
    for (const target of targets) await check(target);
    // Setup issues invoices, whose PDFs and emails must not land on the first target.
    await settle();

    // Two rounds, the second in reverse order, averaged: whatever runs first after setup (or after
    // a noisy neighbour) is not always the same target.
    const results = new Map<string, Figures>();
    for (const connections of CONNECTIONS) {
      const rounds = new Map<Target, Figures[]>();
      for (const order of [targets, [...targets].reverse()])
        for (const target of order)
          rounds.set(target, [
            ...(rounds.get(target) ?? []),
            await measure(target, connections, pids.document!),
          ]);
      for (const target of targets) {
        const figures = average(rounds.get(target)!);
        results.set(`${target.name}@${connections}`, figures);
        console.log(
          `${target.name.padEnd(38)} ${String(connections).padStart(2)} conn: ${figures.rps.toFixed(0).padStart(5)} req/s, p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms, ${figures.cpuMsPerRequest.toFixed(2)} CPU ms/req (document subgraph ${figures.subgraphCpuMsPerRequest.toFixed(2)})${figures.errors ? `, ${figures.errors} errors` : ''}`,
        );
      }
    }
    const get = (name: string, connections: number) =>
      results.get(`${targets.find((t) => t.name.startsWith(name))?.name}@${connections}`);
    for (const connections of CONNECTIONS) {
      if (targets.length < allTargets.length) break; // ratios only when every target ran
      const [a, b, c, d, e] = ['(a)', '(b)', '(c)', '(d)', '(e)'].map((name) =>
        get(name, connections),
      ) as Figures[] as [Figures, Figures, Figures, Figures, Figures];
      console.log(
        `${connections} conn: (a)/(c) ${(a.rps / c.rps).toFixed(2)}x req/s (goal ≥ 1), (a)/(d) ${(a.rps / d.rps).toFixed(2)}x (goal ≥ 1.5; a bare proxy, (e)/(d), ${(e.rps / d.rps).toFixed(2)}x), (a) − (b) p50 ${(a.p50 - b.p50).toFixed(2)} ms${connections === 1 ? ' (goal < 2.5)' : ''}`,
      );
    }
  } finally {
    stopPeers(peers);
    await running.stop();
    await providers.stop();
    if (collector) {
      const traces = new Set(collector.spans.map((span) => span.traceId)).size;
      const byName = new Map<string, number>();
      for (const { service, name } of collector.spans)
        byName.set(`${service} ${name}`, (byName.get(`${service} ${name}`) ?? 0) + 1);
      console.log(
        `tracing: ${collector.spans.length} spans in ${traces} traces received (${[...byName].map(([name, count]) => `${name}: ${count}`).join(', ')})`,
      );
      await collector.close();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
