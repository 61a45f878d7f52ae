import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('generated event types', () => {
  it('match schemas/events (run `pnpm --filter @portico/events generate` after a schema change)', () => {
    // A child process: the generator formats with prettier, which jest's module system cannot load.
    const check = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(__dirname, '../scripts/generate.ts'), '--check'],
      {
        encoding: 'utf8',
      },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
