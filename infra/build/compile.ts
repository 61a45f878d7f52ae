import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformFile } from '@swc/core';

/**
 * Compiles the TypeScript of every package a production process runs into JavaScript beside
 * it: <package>/src/x.ts → <package>/dist/x.js (CommonJS, source maps), other files in src/
 * (templates) copied. dist/ sits at src/'s depth, so paths read relative to a module
 * (`join(__dirname, '..')`) resolve alike. Packages resolve each other's dist/ under Node's
 * `--conditions=compiled` (their package.json "exports"); without it, their src/.
 * The same swc settings as the tests' transform (jest.layers.js): what is tested is what runs.
 */
const root = join(__dirname, '../..');
const PACKAGE_DIRS = ['gateway', 'schemas', 'packages', 'services'];

function packagesToCompile(): string[] {
  return PACKAGE_DIRS.flatMap((dir) =>
    dir === 'packages' || dir === 'services'
      ? readdirSync(join(root, dir)).map((name) => join(root, dir, name))
      : [join(root, dir)],
  );
}

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const isTest = (file: string) => /\.test\.ts$/.test(file);

async function compilePackage(packageDir: string): Promise<number> {
  const src = join(packageDir, 'src');
  const dist = join(packageDir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  let compiled = 0;
  for (const file of sourcesOf(src)) {
    if (isTest(file)) continue;
    const target = join(dist, relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    if (!file.endsWith('.ts')) {
      cpSync(file, target);
      continue;
    }
    const output = await transformFile(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: true,
      swcrc: false,
    });
    const js = target.replace(/\.ts$/, '.js');
    writeFileSync(js, `${output.code}\n//# sourceMappingURL=${js.split('/').pop()}.map\n`);
    if (output.map) writeFileSync(`${js}.map`, output.map);
    compiled += 1;
  }
  return compiled;
}

async function main(): Promise<void> {
  const started = Date.now();
  const counts = await Promise.all(packagesToCompile().map(compilePackage));
  const files = counts.reduce((sum, count) => sum + count, 0);
  process.stdout.write(
    `compiled ${files} files of ${counts.length} packages in ${Date.now() - started} ms\n`,
  );
}

void main();
