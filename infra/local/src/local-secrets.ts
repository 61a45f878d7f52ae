import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheDir } from './paths';

const SIGNING_KEY_SECRET_FILE = join(cacheDir, 'secrets/signing-key-secret');

/**
 * The secret that seals identity's signing keys in local runs: made once and
 * kept next to the local data, so keys stored by an earlier run still open.
 * Deployments set SIGNING_KEY_SECRET themselves.
 */
export function localSigningKeySecret(): string {
  if (!existsSync(SIGNING_KEY_SECRET_FILE)) {
    mkdirSync(dirname(SIGNING_KEY_SECRET_FILE), { recursive: true, mode: 0o700 });
    writeFileSync(SIGNING_KEY_SECRET_FILE, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(SIGNING_KEY_SECRET_FILE, 'utf8').trim();
}
