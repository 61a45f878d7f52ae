/**
 * Writes .env.example: every variable each process reads, with the description,
 * default and readers its config schema gives. `--check` fails instead when the
 * file is stale (a unit test runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envEntries, type EnvEntry } from '@portico/config';
import { gatewayConfigSchema } from '@portico/gateway/src/config';
import { customerConfigSchema } from '@portico/customer/src/config';
import { documentConfigSchema } from '@portico/document/src/config';
import { identityConfigSchema } from '@portico/identity/src/config';
import { notificationConfigSchema } from '@portico/notification/src/config';

const root = join(__dirname, '../..');
const target = join(root, '.env.example');

const PROCESSES = {
  gateway: gatewayConfigSchema,
  identity: identityConfigSchema,
  customer: customerConfigSchema,
  document: documentConfigSchema,
  notification: notificationConfigSchema,
};

/** A variable as one or more processes read it alike (same meaning, same default). */
interface Shared extends EnvEntry {
  readers: string[];
}

function sharedEntries(): Shared[] {
  const entries = new Map<string, Shared>();
  for (const [process, schema] of Object.entries(PROCESSES))
    for (const entry of envEntries(schema)) {
      const key = JSON.stringify([entry.name, entry.description, entry.fallback, entry.required]);
      const known = entries.get(key);
      if (known) known.readers.push(process);
      else entries.set(key, { ...entry, readers: [process] });
    }
  return [...entries.values()];
}

/** A default as someone editing the file would write it: paths in the checkout relative to it. */
const written = (fallback: string) => fallback.replace(`${root}/`, '');

export function renderEnvExample(): string {
  const groups = new Map<string, Shared[]>();
  for (const entry of sharedEntries()) {
    const readers = entry.readers.join(', ');
    groups.set(readers, [...(groups.get(readers) ?? []), entry]);
  }
  const ordered = [...groups].sort(([, a], [, b]) => b[0]!.readers.length - a[0]!.readers.length);
  const lines = [
    "# Every environment variable Portico reads, from the processes' config schemas.",
    '# Written by `pnpm env:example`; a unit test fails when it is stale.',
    '# Required settings are uncommented and empty; the others are commented out with their default.',
  ];
  for (const [readers, entries] of ordered) {
    lines.push('', `## ${readers}`);
    for (const entry of entries) {
      lines.push('', `# ${entry.description}`);
      const value = entry.fallback === undefined ? '' : written(entry.fallback);
      lines.push(entry.required ? `${entry.name}=` : `# ${entry.name}=${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  const rendered = renderEnvExample();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== rendered) {
      console.error('.env.example is stale: run pnpm env:example');
      process.exit(1);
    }
  } else writeFileSync(target, rendered);
}
