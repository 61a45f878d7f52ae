// Shared jest settings; each layer (unit, int, e2e) has its own config and script.
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

/** @returns {import('jest').Config} */
module.exports = function jestLayer(layer, extra = {}) {
  return {
    displayName: layer,
    rootDir: __dirname,
    testEnvironment: 'node',
    transform: { '^.+\\.(t|j)sx?$': swc },
    // Some dependencies ship ESM only; let swc turn them into CommonJS too.
    // pnpm paths hold two node_modules (.pnpm/<name>@<version>/node_modules/<name>): neither may ignore them.
    transformIgnorePatterns: [
      '/node_modules/(?!(?:\\.pnpm/)?(?:jose|@as-integrations|pdf-parse)[@/])',
    ],
    testMatch: [`<rootDir>/**/*.${layer}.test.ts`],
    testPathIgnorePatterns: ['/node_modules/', '/.cache/', '/dist/'],
    ...extra,
  };
};
