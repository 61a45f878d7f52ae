import { startProviders, type Providers } from '../providers';

declare global {
  var porticoProviders: Providers | undefined;
}

/** Starts (or reuses, per environment) the providers once per test run; workers inherit the env. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const providers = await startProviders('test');
  Object.assign(process.env, providers.env);
  globalThis.porticoProviders = providers;
  process.stdout.write(
    `\nproviders ready in ${Date.now() - started} ms\n  ${providers.summary.join('\n  ')}\n`,
  );
}
