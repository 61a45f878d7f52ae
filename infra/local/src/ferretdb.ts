import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, hashOf, repoRoot } from './paths';
import { run, startLocalServer, type ManagedProcess } from './managed-process';

const sourceDir = join(repoRoot, 'infra/ferretdb');

/**
 * Builds infra/ferretdb (FerretDB 1.24 embedded, SQLite backend) from the Go
 * module proxy once per source change; later calls reuse the cached binary.
 */
export async function ensureFerretDbBinary(): Promise<string> {
  const key = hashOf(['main.go', 'go.mod', 'go.sum'].map((file) => join(sourceDir, file)));
  const binary = join(cacheDir, 'bin', `ferretdb-${key}`);
  if (existsSync(binary)) return binary;
  mkdirSync(join(cacheDir, 'bin'), { recursive: true });
  const partial = `${binary}.partial`;
  await run('go', ['build', '-trimpath', '-o', partial, '.'], {
    cwd: sourceDir,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
  });
  renameSync(partial, binary);
  return binary;
}

export interface FerretDbHandle {
  url: string;
  process: ManagedProcess;
}

export async function startFerretDb({
  port,
  dataDir,
  logDir,
}: {
  port: number;
  dataDir: string;
  logDir: string;
}): Promise<FerretDbHandle> {
  const binary = await ensureFerretDbBinary();
  const process = await startLocalServer({
    name: 'ferretdb',
    command: binary,
    args: ['-listen', `127.0.0.1:${port}`, '-data', dataDir],
    logFile: join(logDir, 'ferretdb.log'),
    port,
    commandMatch: 'ferretdb',
    insteadVariable: 'MONGO_URL',
    timeoutMs: 30_000,
  });
  return { url: `mongodb://127.0.0.1:${port}/`, process };
}
