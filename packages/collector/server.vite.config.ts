/**
 * The collector as it runs in production: `src/server.ts` built into `dist/server.js`, which `pnpm start`
 * runs with plain Node. The workspace's own packages (whose exports are TypeScript) are bundled in; every
 * dependency from npm stays an import resolved from node_modules at run time. Code loaded on demand (the
 * MongoDB adapter, the SMTP client, the email intake) stays in chunks of its own, so a start that does not
 * use it does not load it.
 *
 * Built beside `src/` at the same depth, so that paths the sources resolve from their own location
 * (`new URL('../public/...', import.meta.url)` in `src/paths.ts`, the repository's demo config) resolve alike
 * from `dist/`.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const PACKAGE_DIR = fileURLToPath(new URL('.', import.meta.url));
const { dependencies } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const fromNpm = Object.keys(dependencies).filter((name) => !name.startsWith('@heed/'));
const external = (id: string) =>
  id.startsWith('node:') || builtinModules.includes(id) || fromNpm.some((name) => id === name || id.startsWith(`${name}/`));

export default defineConfig({
  root: PACKAGE_DIR,
  // No public dir to copy: the collector serves its static files itself.
  publicDir: false,
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'src/server.ts',
    outDir: 'dist',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    reportCompressedSize: false,
    rollupOptions: {
      external,
      output: { format: 'esm', entryFileNames: 'server.js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
