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
    transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.cjs$': swc },
    // jose and auto-bind (under GraphQL Code Generator) ship ESM only; swc turns them into CommonJS. The OTLP exporter loads node:http
    // with import(), which jest's VM refuses; swc makes it a require. A pnpm path holds two
    // node_modules (.pnpm/jose@<version>/node_modules/jose): neither may ignore it.
    transformIgnorePatterns: [
      '/node_modules/(?!(?:\\.pnpm/)?(?:jose|auto-bind|@opentelemetry[+/]otlp-exporter-base)[@/])',
    ],
    testMatch: [`<rootDir>/**/*.${layer}.test.ts`],
    testPathIgnorePatterns: ['/node_modules/', '/.cache/', '/dist/'],
    ...extra,
  };
};
