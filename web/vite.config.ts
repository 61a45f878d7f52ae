import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves the build on its own origin; `pnpm dev` proxies the API to a running
// `./portico start`.
export default defineConfig({
  plugins: [react()],
  // Budgets are checked by pnpm bench:web in compressed bytes, not by Rollup's raw-size warning.
  build: { target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 1024 },
  server: {
    proxy: { '/graphql': 'http://localhost:4000', '/files': 'http://localhost:4000' },
  },
});
