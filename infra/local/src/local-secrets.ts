import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheDir } from './paths';

/**
 * A secret of local runs that must outlive a restart: made once and kept next
 * to the local data. Deployments set these variables themselves.
 */
function localSecret(name: string): string {
  const file = join(cacheDir, 'secrets', name);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** Seals identity's signing keys: keys stored by an earlier run still open. */
export const localSigningKeySecret = () => localSecret('signing-key-secret');

/** Webhook secrets are derived from it: a partner's secret stays valid across restarts. */
export const localWebhookSigningKey = () => localSecret('webhook-signing-key');

/** Seals one-time secrets on Kafka: events written by an earlier run still open. */
export const localEventSecretKeys = () => `local:${localSecret('event-secret-key')}`;
