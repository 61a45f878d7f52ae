/** Starts only the local providers (dev profile) and keeps them running until Ctrl-C. */
import { startProviders } from '../providers';

async function main(): Promise<void> {
  const providers = await startProviders('dev');
  console.log(`Providers running:\n  ${providers.summary.join('\n  ')}\nPress Ctrl-C to stop.`);
  for (const [key, value] of Object.entries(providers.env)) console.log(`export ${key}=${value}`);
  const stop = async () => {
    await providers.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
