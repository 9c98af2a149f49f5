/**
 * The PM console: a Preact SPA built into the collector's static assets (`public/console/`), served at
 * `/console/` by http/routes/console.ts. `vite --config console/vite.config.ts` serves it in development,
 * talking to a collector on localhost:8787.
 *
 * The build also writes what the collector serves precompressed: a `.br` and a `.gz` beside each console
 * asset, and the hosted survey page's stylesheets (src/http/assets) copied to `public/assets/` with theirs.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const OUT_DIR = fileURLToPath(new URL('../public/console', import.meta.url));
const PAGE_ASSETS_SOURCE = fileURLToPath(new URL('../src/http/assets', import.meta.url));
const PAGE_ASSETS_OUT = fileURLToPath(new URL('../public/assets', import.meta.url));
const COMPRESSIBLE = /\.(?:js|css|svg|json|html)$/;

/** `.br` (quality 11) and `.gz` (level 9) beside every compressible file in `dir`: once here, not per request. */
function precompressDir(dir: string): void {
  for (const file of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, file.name);
    if (file.isDirectory()) precompressDir(path);
    else if (COMPRESSIBLE.test(file.name)) {
      const body = readFileSync(path);
      writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
      writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    }
  }
}

function precompress(): Plugin {
  return {
    name: 'heed-console-precompress',
    apply: 'build',
    closeBundle() {
      precompressDir(join(OUT_DIR, 'assets'));
      rmSync(PAGE_ASSETS_OUT, { recursive: true, force: true });
      mkdirSync(PAGE_ASSETS_OUT, { recursive: true });
      for (const file of readdirSync(PAGE_ASSETS_SOURCE)) copyFileSync(join(PAGE_ASSETS_SOURCE, file), join(PAGE_ASSETS_OUT, file));
      precompressDir(PAGE_ASSETS_OUT);
      writeFileSync(join(PAGE_ASSETS_OUT, '.gitignore'), '# build output (console/vite.config.ts)\n*\n');
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill is only for browsers without modulepreload; every browser the console targets has it.
    modulePreload: { polyfill: false },
  },
  plugins: [precompress()],
  server: { proxy: { '/v1': 'http://localhost:8787' } },
});
