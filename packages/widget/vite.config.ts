import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type Plugin, type Rollup, build, defineConfig } from 'vite';
import { LOCALES } from './src/locale.ts';
import en from './src/ui/strings/en.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const source = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));
// Class fields ship as written rather than through a helper. The widget already needs browsers of that
// generation (Array.prototype.at, Object.hasOwn: Chrome 93, Firefox 92, Safari 15.4).
const target = 'es2022';

/**
 * Each language's strings are a chunk of their own: an object with the same keys in every language,
 * where the key names would take an eighth of the gzip size. Those keys (string ids) are snake_case,
 * which no other property in the widget is (the wire format, the DOM and Preact are camelCase), and
 * terser renames exactly them to one-letter names from one fixed map that every chunk shares, as
 * Preact's own build does for its internals (mangle.json).
 */
const stringIds = Object.keys(en).filter((key) => key.includes('_'));
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
if (stringIds.length > LETTERS.length) throw new Error('More string ids than one-letter names');
const terserOptions = {
  ecma: 2022 as const,
  compress: { passes: 3 },
  mangle: {
    properties: {
      regex: new RegExp(`^(?:${stringIds.join('|')})$`),
      // The fixed map. terser reads it though its type definitions leave it out; its `nameCache` option
      // would also carry variable names from chunk to chunk, in whatever order they are minified, and
      // make the build, and so the content hashes, differ from run to run.
      cache: { props: new Map(stringIds.map((id, index) => [id, LETTERS.charAt(index)])) },
    },
  },
};

/**
 * One hash names every strings chunk (`en-<hash>.js`), so heed.js needs only it, not a name per language,
 * to fetch a page's strings. It is a hash of all that makes those chunks: their sources, this file and
 * the versions of the tools that build them, so the names change whenever the content may.
 */
const STRINGS_DIR = source('ui/strings/');
const STRINGS_HASH = (() => {
  const hash = createHash('sha256');
  for (const file of readdirSync(STRINGS_DIR).sort()) hash.update(file).update(readFileSync(join(STRINGS_DIR, file)));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  const require = createRequire(import.meta.url);
  for (const tool of ['vite', 'rollup', 'terser', 'esbuild']) {
    try {
      hash.update(`${tool}@${(require(`${tool}/package.json`) as { version: string }).version}`);
    } catch {
      hash.update(`${tool}@?`);
    }
  }
  return hash.digest('base64url').slice(0, 8);
})();

/**
 * heed.js must stay a classic script (hosts add it with a plain <script async>), and a code-split
 * Rollup build emits only ES modules. So once the UI chunk and the strings chunks have their hashed
 * names, the loader is bundled on its own as an IIFE with those names baked in; its `import()`s
 * resolve against the script's own URL. It imports the strings of the page's language alongside the
 * UI chunk, which imports the same URL later and so gets the same module, fetched once.
 */
function classicLoader(): Plugin {
  return {
    name: 'heed-classic-loader',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const entry = (name: string) => {
        const chunk = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry && file.name === name);
        if (!chunk) throw new Error(`The build has no "${name}" entry chunk`);
        return JSON.stringify(chunk.fileName);
      };
      for (const locale of LOCALES) {
        const chunk = Object.values(bundle).find((file) => file.type === 'chunk' && file.facadeModuleId === source(`ui/strings/${locale}.ts`));
        if (chunk?.fileName !== `${locale}-${STRINGS_HASH}.js`) throw new Error(`The build has no strings chunk ${locale}-${STRINGS_HASH}.js`);
      }
      const result = (await build({
        root,
        configFile: false,
        logLevel: 'warn',
        define: { __HEED_UI_CHUNK__: entry('ui'), __HEED_STRINGS__: JSON.stringify(STRINGS_HASH) },
        build: {
          write: false,
          target,
          minify: 'terser',
          terserOptions,
          lib: { entry: source('loader.ts'), formats: ['iife'], name: 'heedLoader', fileName: () => 'heed.js' },
          rollupOptions: { output: { strict: false } },
        },
      })) as Rollup.RollupOutput[];
      const [loader] = result[0]!.output;
      this.emitFile({ type: 'asset', fileName: 'heed.js', source: loader.code });
    },
  };
}

/**
 * Vite wraps each `import()` in a helper that preloads the chunk's dependencies with <link> tags in
 * <head> and reports failures on window. The widget adds nothing to the host's <head> and handles its
 * own failures, so the helper is reduced to the import itself.
 */
function plainDynamicImports(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'heed-plain-dynamic-imports',
    enforce: 'pre',
    load(id) {
      return id === helper ? 'export const __vitePreload = (load) => load();' : undefined;
    },
  };
}

/** The files the collector may cache for good: all but the stable entries, which name the others. */
const STABLE = ['heed.js', 'hosted.js'];
export const ASSETS_MANIFEST = 'assets.json';

/**
 * After the bundle is written: a `.br` and a `.gz` beside every JS and CSS file (best compression, done
 * once here rather than per request), and `assets.json`, which says which files keep a stable name
 * (short cache) and which are content-hashed (immutable), with the encodings written for each.
 */
function precompress(): Plugin {
  return {
    name: 'heed-precompress',
    apply: 'build',
    writeBundle(options) {
      const dir = options.dir!;
      const files = readdirSync(dir).filter((file) => /\.(?:js|css)$/.test(file)).sort();
      for (const file of files) {
        const body = readFileSync(join(dir, file));
        writeFileSync(join(dir, `${file}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(join(dir, `${file}.gz`), gzipSync(body, { level: 9 }));
      }
      const manifest = {
        stable: files.filter((file) => STABLE.includes(file)),
        immutable: files.filter((file) => !STABLE.includes(file)),
        encodings: { br: '.br', gzip: '.gz' },
      };
      writeFileSync(join(dir, ASSETS_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

export default defineConfig({
  root,
  // Classic JSX: `h(type, props, ...children)` calls are shorter than the automatic runtime's
  // `jsx(type, { ...props, children: [...] })`, and leave preact/jsx-runtime out of the UI chunk.
  esbuild: { jsx: 'transform', jsxFactory: 'h', jsxFragment: 'Fragment', jsxInject: "import { h, Fragment } from 'preact'" },
  build: {
    target,
    outDir: 'dist',
    emptyOutDir: true,
    minify: 'terser',
    terserOptions,
    // No <link rel=modulepreload> injected into the host's <head>: chunks are fetched by import() alone.
    modulePreload: false,
    manifest: true,
    rollupOptions: {
      input: { ui: source('ui-chunk.ts'), hosted: source('hosted.ts') },
      preserveEntrySignatures: 'allow-extension',
      output: {
        // hosted.js is referenced by a fixed URL from the collector's page; everything else is content-hashed.
        entryFileNames: (chunk) => (chunk.name === 'hosted' ? '[name].js' : '[name]-[hash].js'),
        chunkFileNames: (chunk) => (chunk.facadeModuleId?.startsWith(STRINGS_DIR) ? `[name]-${STRINGS_HASH}.js` : '[name]-[hash].js'),
      },
    },
  },
  plugins: [plainDynamicImports(), classicLoader(), precompress()],
});
