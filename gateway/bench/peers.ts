import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, type TestPlatform } from '@portico/local-infra';

/** The gateways ours is compared with (peer-gateway.ts), each on its own port. */
export type PeerKind = 'hive' | 'apollo-default' | 'bare-proxy';

export interface Peer {
  kind: PeerKind;
  url: string;
  process: ChildProcess;
}

/** The URL each peer serves GraphQL on: Hive under /graphql, the others at the root. */
const pathOf = (kind: PeerKind) => (kind === 'hive' ? '/graphql' : '/');

/**
 * The checked-in supergraph pointed at this run's subgraphs, written under
 * .cache/bench, so every peer plans against what our gateway plans against.
 */
export function runSupergraph(running: TestPlatform, name: string): string {
  const ports = Object.fromEntries(running.platform.processes.map((p) => [p.name, p.port]));
  const supergraph = readFileSync(
    join(__dirname, '../../schemas/supergraph.graphql'),
    'utf8',
  ).replace(/http:\/\/localhost:400(\d)\/graphql/g, (_, digit: string) => {
    const service = ['', 'identity', 'customer', 'document', 'notification'][Number(digit)]!;
    return `http://127.0.0.1:${ports[service]}/graphql`;
  });
  const file = join(cacheDir, `bench/${name}-supergraph.graphql`);
  mkdirSync(join(cacheDir, 'bench'), { recursive: true });
  writeFileSync(file, supergraph);
  return file;
}

/** Starts a peer gateway; `subgraphUrl` is where the bare proxy sends every request. */
export function startPeer(
  kind: PeerKind,
  port: number,
  supergraphFile: string,
  running: TestPlatform,
  subgraphUrl = '',
): Peer {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'peer-gateway.ts'), kind],
    {
      env: {
        ...process.env,
        PORT: String(port),
        SUPERGRAPH: supergraphFile,
        GATEWAY_SECRET: running.platform.gatewaySecret,
        SUBGRAPH_URL: subgraphUrl,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return { kind, url: `http://127.0.0.1:${port}${pathOf(kind)}`, process: child };
}

/** Peers are stateless; Hive Gateway waits for open connections on SIGTERM, so they are killed. */
export const stopPeers = (peers: Peer[]) => peers.forEach((peer) => peer.process.kill('SIGKILL'));
