/**
 * The PM console: a Preact SPA built into the collector's static assets (`public/console/`), served at
 * `/console/` by http/routes/console.ts. `vite --config console/vite.config.ts` serves it in development,
 * talking to a collector on localhost:8787.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../public/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill is only for browsers without modulepreload; every browser the console targets has it.
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/v1': 'http://localhost:8787' } },
});
