import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
/** Git-ignored home of every download, build, data folder and log of the local providers. */
export const cacheDir = process.env.PORTICO_CACHE_DIR ?? join(repoRoot, '.cache');

/** A short hash of files, to key a cached build on its inputs. */
export function hashOf(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}
