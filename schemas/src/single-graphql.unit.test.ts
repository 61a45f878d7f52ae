import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('dependencies', () => {
  it('resolve exactly one graphql 16.x in the whole workspace (two copies break at run time)', () => {
    const lockfile = readFileSync(join(__dirname, '../../pnpm-lock.yaml'), 'utf8');
    const versions = new Set(
      [...lockfile.matchAll(/^ {2}graphql@(\d+\.\d+\.\d+):$/gm)].map((match) => match[1]),
    );
    expect([...versions]).toEqual([expect.stringMatching(/^16\./)]);
  });
});
