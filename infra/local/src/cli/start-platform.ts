/**
 * `./portico start`: the local providers, the four subgraphs and the gateway,
 * with demo data. Ctrl-C stops everything. `REPLICAS=document=2,notification=2`
 * runs several processes of a service behind a round-robin proxy.
 */
import { join } from 'node:path';
import { DEMO_CONTACT, DEMO_LOGIN, seedDemoData } from '../demo-data';
import { cacheDir } from '../paths';
import { SERVICES, startPlatform, type PlatformOptions } from '../platform';
import { startProviders } from '../providers';

/** `document=2,notification=3` → { document: 2, notification: 3 }. */
function replicasFrom(setting: string | undefined): PlatformOptions['replicas'] {
  const replicas: Record<string, number> = {};
  for (const pair of (setting ?? '').split(',').filter(Boolean)) {
    const [service, count] = pair.split('=');
    if (!(SERVICES as readonly string[]).includes(service!) || !(Number(count) >= 1))
      throw new Error(`REPLICAS: "${pair}" is not <service>=<count>`);
    replicas[service!] = Number(count);
  }
  return replicas;
}

async function main(): Promise<void> {
  const replicas = replicasFrom(process.env.REPLICAS);
  const started = Date.now();
  const providers = await startProviders('dev');
  const logDir = join(cacheDir, 'dev/logs');
  let platform;
  try {
    platform = await startPlatform({
      providerEnv: providers.env,
      basePort: Number(process.env.PORT ?? 4000),
      logDir,
      logLevel: process.env.LOG_LEVEL ?? 'info',
      replicas,
    });
  } catch (error) {
    await providers.stop();
    throw error;
  }
  const readyMs = Date.now() - started;
  await seedDemoData(platform.gatewayUrl, providers.mailInboxUrl);

  const gatewayPort = platform.processes.find((p) => p.name === 'gateway')!.port;
  const memory = Object.entries(platform.memory())
    .map(([name, mib]) => `${name} ${mib} MiB`)
    .join(', ');
  console.log(`
Portico is running (ready in ${(readyMs / 1000).toFixed(1)} s).

  Portal             http://localhost:${gatewayPort}
  GraphQL endpoint   http://localhost:${gatewayPort}/graphql
  ${providers.summary.join('\n  ')}
  Demo staff         ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password} (organization "${DEMO_LOGIN.organizationSlug}")
  Demo contact       ${DEMO_CONTACT.email} / ${DEMO_CONTACT.password}
  Logs               ${logDir}
  Memory (RSS)       ${memory}

Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping...');
    const codes = await platform.stop();
    await providers.stop();
    console.log(
      `Stopped (${Object.entries(codes)
        .map(([name, code]) => `${name} ${code}`)
        .join(', ')}).`,
    );
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
