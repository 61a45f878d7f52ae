import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvExample } from './env-example';

describe('.env.example', () => {
  const rendered = renderEnvExample();

  it('matches the config schemas (run `pnpm env:example` after changing one)', () => {
    expect(readFileSync(join(__dirname, '../../.env.example'), 'utf8')).toBe(rendered);
  });

  it('describes every variable and names the processes that read it', () => {
    const blocks = rendered.split('\n\n').filter((block) => /^#? ?[A-Z_]+=/m.test(block));
    expect(blocks.length).toBeGreaterThan(40);
    for (const block of blocks) expect(block).toMatch(/^# \S.*\n#? ?[A-Z][A-Z0-9_]*=/);
    expect(rendered).toMatch(/## gateway, identity, customer, document, notification\n/);
    // A required setting has no default to show; an optional one is commented out.
    expect(rendered).toMatch(/\nMONGO_URL=\n/);
    expect(rendered).toMatch(/\n# LOG_LEVEL=info\n/);
  });
});
