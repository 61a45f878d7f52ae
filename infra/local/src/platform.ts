import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricsPortOf } from '@portico/config';
import {
  localEventSecretKeys,
  localSigningKeySecret,
  localWebhookSigningKey,
} from './local-secrets';
import { repoRoot } from './paths';
import { startProcess, stopLeftover, waitUntil, type ManagedProcess } from './managed-process';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';

export const SERVICES = ['identity', 'customer', 'document', 'notification'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface PlatformOptions {
  /** MONGO_URL, KAFKA_BROKERS, SMTP_URL, CHROMIUM_PATH (from startProviders, plus the caller's). */
  providerEnv: Record<string, string>;
  /** The gateway's port; subgraphs use the next four. */
  basePort: number;
  logDir: string;
  logLevel?: string;
  /**
   * Runs each process's compiled JavaScript (`pnpm build` first) under
   * `--conditions=compiled`, as the images do, instead of TypeScript through tsx.
   */
  compiled?: boolean;
  /** Extra node flags for one service's processes, e.g. `--cpu-prof` to profile it. */
  nodeArgs?: Partial<Record<ServiceName | 'gateway', string[]>>;
  /** Extra variables for one service's processes. */
  env?: Partial<Record<ServiceName | 'gateway', Record<string, string>>>;
  /**
   * Processes per service (default 1). Replica k of a service listens on its
   * port + 10k, behind a round-robin proxy on the service's own port.
   */
  replicas?: Partial<Record<ServiceName, number>>;
}

export interface RunningProcess {
  /** The service's name, with `-k` for replica k when it runs several. */
  name: string;
  service: ServiceName | 'gateway';
  port: number;
  /** Where its Prometheus /metrics is served (an internal port of its own). */
  metricsPort: number;
  process: ManagedProcess;
}

export interface Platform {
  gatewayUrl: string;
  /** The secret this run's gateway sends to the subgraphs (for tests that call a subgraph directly). */
  gatewaySecret: string;
  processes: RunningProcess[];
  /** The round-robin proxy in front of each service that runs several replicas. */
  balancers: Partial<Record<ServiceName, RoundRobinProxy>>;
  /** Resident memory of each process in MiB, from /proc. */
  memory(): Record<string, number>;
  /** SIGTERM to the gateway, then the subgraphs; resolves with each process's exit code. */
  stop(): Promise<Record<string, number | null>>;
}

const packageDir = (name: ServiceName | 'gateway') =>
  name === 'gateway' ? join(repoRoot, 'gateway') : join(repoRoot, `services/${name}`);

/** The node arguments that start a process: its source through tsx, or its compiled build. */
const entryArgs = (name: ServiceName | 'gateway', compiled: boolean) =>
  compiled
    ? ['--conditions=compiled', join(packageDir(name), 'dist/main.js')]
    : ['--import', 'tsx', join(packageDir(name), 'src/main.ts')];

const ready = (port: number) => () =>
  fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then(
    (res) => res.ok,
    () => false,
  );

/**
 * Starts the four subgraphs and then the gateway as separate Node processes
 * (TypeScript through tsx), each logging to its own file, and waits until
 * every one reports ready.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { basePort, logDir } = options;
  const ports = {
    gateway: basePort,
    identity: basePort + 1,
    customer: basePort + 2,
    document: basePort + 3,
    notification: basePort + 4,
  };
  const subgraphUrls = Object.fromEntries(
    SERVICES.map((name) => [
      `${name.toUpperCase()}_URL`,
      `http://127.0.0.1:${ports[name]}/graphql`,
    ]),
  );
  const shared = {
    ...process.env,
    ...options.providerEnv,
    NODE_ENV: 'development',
    LOG_LEVEL: options.logLevel ?? 'info',
    // A fresh secret per run: only this run's gateway can reach these subgraphs.
    GATEWAY_SECRET: randomBytes(24).toString('base64url'),
    FILE_LINK_SECRET: randomBytes(24).toString('base64url'),
    JWKS_URL: `http://127.0.0.1:${ports.identity}/.well-known/jwks.json`,
    SIGNING_KEY_SECRET: process.env.SIGNING_KEY_SECRET ?? localSigningKeySecret(),
    PUBLIC_URL: options.providerEnv.PUBLIC_URL ?? `http://localhost:${ports.gateway}`,
    WEBHOOK_SIGNING_KEY: process.env.WEBHOOK_SIGNING_KEY ?? localWebhookSigningKey(),
    EVENT_SECRET_KEYS: process.env.EVENT_SECRET_KEYS ?? localEventSecretKeys(),
    // Anyone may register on a local platform; tests register many organizations from one address.
    SIGNUP_MODE: options.providerEnv.SIGNUP_MODE ?? 'open',
    SIGNUPS_PER_ADDRESS: options.providerEnv.SIGNUPS_PER_ADDRESS ?? '10000',
    // Locally nobody confirms an owner's address; the test of that flow turns it on.
    OWNER_VERIFICATION: options.providerEnv.OWNER_VERIFICATION ?? 'off',
    // Local receivers (http://localhost) and quick retries: this platform runs on one machine.
    WEBHOOKS_ALLOW_LOCAL: 'true',
    WEBHOOK_FIRST_RETRY_MS: process.env.WEBHOOK_FIRST_RETRY_MS ?? '300',
    WEBHOOK_MAX_ATTEMPTS: process.env.WEBHOOK_MAX_ATTEMPTS ?? '4',
  };
  // Replica k (from 1) of a service that runs several; 0 for a single process.
  const nameOf = (service: ServiceName | 'gateway', replica: number) =>
    replica ? `${service}-${replica}` : service;
  const launch = (service: ServiceName | 'gateway', replica = 0): RunningProcess => {
    const name = nameOf(service, replica);
    const port = ports[service] + 10 * replica;
    const metricsPort = metricsPortOf({ PORT: port });
    return {
      name,
      service,
      port,
      metricsPort,
      process: startProcess({
        name,
        command: process.execPath,
        args: [
          ...(options.nodeArgs?.[service] ?? []),
          ...entryArgs(service, options.compiled ?? false),
        ],
        cwd: repoRoot,
        env: {
          ...shared,
          ...(service === 'gateway' ? subgraphUrls : {}),
          PORT: String(port),
          METRICS_PORT: String(metricsPort),
          ...options.env?.[service],
        },
        logFile: join(logDir, `${name}.log`),
        pidFile: join(logDir, `${name}.pid`),
      }),
    };
  };
  const replicasOf = (service: ServiceName) => options.replicas?.[service] ?? 1;
  const instances = SERVICES.flatMap((service) =>
    replicasOf(service) > 1
      ? Array.from({ length: replicasOf(service) }, (_, k) => ({ service, replica: k + 1 }))
      : [{ service, replica: 0 }],
  );

  await Promise.all(
    [...instances.map(({ service, replica }) => nameOf(service, replica)), 'gateway'].map((name) =>
      stopLeftover(join(logDir, `${name}.pid`), '/main.'),
    ),
  );
  const processes = instances.map(({ service, replica }) => launch(service, replica));
  const balancers: Platform['balancers'] = {};
  // The gateway first (no new requests), then the subgraphs side by side.
  const stopAll = async () => {
    const codes: Record<string, number | null> = {};
    const gateway = processes.find((p) => p.name === 'gateway');
    if (gateway) codes.gateway = await gateway.process.stop();
    const subgraphs = processes.filter((p) => p !== gateway);
    const exits = await Promise.all(subgraphs.map((p) => p.process.stop()));
    subgraphs.forEach((p, index) => (codes[p.name] = exits[index]!));
    await Promise.all(Object.values(balancers).map((balancer) => balancer.close()));
    return codes;
  };
  try {
    for (const service of SERVICES.filter((name) => replicasOf(name) > 1))
      balancers[service] = await startRoundRobinProxy(
        ports[service],
        processes.filter((p) => p.service === service).map((p) => p.port),
      );
    await Promise.all(
      processes.map((p) =>
        waitUntil(p.name, ready(p.port), { process: p.process, timeoutMs: 90_000 }),
      ),
    );
    // The gateway starts last: it composes nothing at run time, but its readiness needs every subgraph.
    const gateway = launch('gateway');
    processes.push(gateway);
    await waitUntil('gateway', ready(ports.gateway), {
      process: gateway.process,
      timeoutMs: 60_000,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`,
    gatewaySecret: shared.GATEWAY_SECRET,
    processes,
    balancers,
    memory: () => Object.fromEntries(processes.map((p) => [p.name, residentMiB(p.process.pid)])),
    stop: stopAll,
  };
}

function residentMiB(pid: number): number {
  try {
    const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Math.round(Number(kib) / 1024) : 0;
  } catch {
    return 0;
  }
}
