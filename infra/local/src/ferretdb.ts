import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir, hashOf, repoRoot } from './paths';
import { run, startLocalServer, type ManagedProcess } from './managed-process';

const sourceDir = join(repoRoot, 'infra/ferretdb');
const patchDir = join(sourceDir, 'patches');
const MODULE = 'github.com/FerretDB/FerretDB';

/**
 * Builds infra/ferretdb (FerretDB 1.24 embedded, SQLite backend) from the Go
 * module proxy, with the fixes in infra/ferretdb/patches applied to the
 * module's source, once per change; later calls reuse the cached binary.
 */
export async function ensureFerretDbBinary(): Promise<string> {
  const patches = readdirSync(patchDir)
    .filter((file) => file.endsWith('.patch'))
    .sort()
    .map((file) => join(patchDir, file));
  const key = hashOf([
    ...['main.go', 'go.mod', 'go.sum'].map((f) => join(sourceDir, f)),
    ...patches,
  ]);
  const binary = join(cacheDir, 'bin', `ferretdb-${key}`);
  if (existsSync(binary)) return binary;
  const buildEnv = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' };
  // The module's source as the proxy serves it, copied (the module cache is read-only) and patched.
  const build = join(cacheDir, 'ferretdb-build', key);
  rmSync(build, { recursive: true, force: true });
  mkdirSync(build, { recursive: true });
  for (const file of ['main.go', 'go.mod', 'go.sum'])
    cpSync(join(sourceDir, file), join(build, file));
  const download = await run('go', ['mod', 'download', '-json', MODULE], {
    cwd: build,
    env: buildEnv,
  });
  const moduleDir = (JSON.parse(download) as { Dir: string }).Dir;
  const patched = join(build, 'ferretdb-module');
  cpSync(moduleDir, patched, { recursive: true });
  makeWritable(patched);
  for (const patch of patches)
    await run('patch', ['-p1', '--forward', '-i', patch], { cwd: patched });
  const goMod = join(build, 'go.mod');
  await writeFile(
    goMod,
    `${await readFile(goMod, 'utf8')}\nreplace ${MODULE} => ./ferretdb-module\n`,
  );
  mkdirSync(join(cacheDir, 'bin'), { recursive: true });
  const partial = `${binary}.partial`;
  await run('go', ['build', '-trimpath', '-o', partial, '.'], { cwd: build, env: buildEnv });
  renameSync(partial, binary);
  return binary;
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(path);
    else chmodSync(path, 0o644);
  }
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
  // FERRETDB_PPROF=host:port serves Go's /debug/pprof, for profiling benchmarks.
  const pprof = process.env.FERRETDB_PPROF;
  const server = await startLocalServer({
    name: 'ferretdb',
    command: binary,
    args: [
      ...['-listen', `127.0.0.1:${port}`, '-data', dataDir],
      ...(pprof ? ['-pprof', pprof] : []),
    ],
    logFile: join(logDir, 'ferretdb.log'),
    port,
    commandMatch: 'ferretdb',
    insteadVariable: 'MONGO_URL',
    timeoutMs: 30_000,
  });
  return { url: `mongodb://127.0.0.1:${port}/`, process: server };
}
