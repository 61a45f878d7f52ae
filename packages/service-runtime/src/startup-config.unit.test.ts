import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '../../..');

function start(entry: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, entry)], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

const valid = {
  PORT: '4999',
  MONGO_URL: 'mongodb://127.0.0.1:1',
  KAFKA_BROKERS: '127.0.0.1:1',
  GATEWAY_SECRET: 'x'.repeat(32),
  JWKS_URL: 'http://127.0.0.1:1/.well-known/jwks.json',
};

describe('start-up configuration', () => {
  it('stops a service with one line naming the missing variable', () => {
    const { MONGO_URL: _missing, ...env } = valid;
    const result = start('services/customer/src/main.ts', env);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Invalid configuration: MONGO_URL: is required\n');
  });

  it('names the SMTP server the notification service needs', () => {
    const result = start('services/notification/src/main.ts', {
      ...valid,
      CHROMIUM_PATH: '/usr/bin/chromium',
      FILE_LINK_SECRET: 'x'.repeat(32),
      EVENT_SECRET_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Invalid configuration: SMTP_URL: is required\n');
  });

  it('stops the gateway with one line naming a malformed variable', () => {
    const result = start('gateway/src/main.ts', { ...valid, PORT: 'eighty' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Invalid configuration: PORT: .+\n$/);
  });
});
