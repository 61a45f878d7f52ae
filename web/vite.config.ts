import { babelOptimizerPlugin } from '@graphql-codegen/client-preset';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompiledMessages } from './precompiled-messages';

// Each graphql(`…`) becomes an import of its own generated document, so a chunk carries only
// the operations it uses instead of the map of all of them.
const oneDocumentPerImport = [
  babelOptimizerPlugin,
  { artifactDirectory: './src/gql', gqlTagName: 'graphql' },
];

// The gateway serves the build on its own origin; `pnpm dev` proxies the API to a running
// `./portico start`.
export default defineConfig({
  plugins: [precompiledMessages(), react({ babel: { plugins: [oneDocumentPerImport] } })],
  // Budgets are checked by pnpm bench:web in compressed bytes, not by Rollup's raw-size warning.
  build: { target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 1024 },
  server: {
    proxy: { '/graphql': 'http://localhost:4000', '/files': 'http://localhost:4000' },
  },
});
