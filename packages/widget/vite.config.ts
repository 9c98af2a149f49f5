import { fileURLToPath } from 'node:url';
import { type Plugin, type Rollup, build, defineConfig } from 'vite';
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
 * heed.js must stay a classic script (hosts add it with a plain <script async>), and a code-split
 * Rollup build emits only ES modules. So once the UI chunk has its hashed name, the loader is
 * bundled on its own as an IIFE with that name baked in; its `import()` of the chunk resolves
 * against the script's own URL.
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
      const result = (await build({
        root,
        configFile: false,
        logLevel: 'warn',
        define: { __HEED_UI_CHUNK__: entry('ui') },
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
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
  plugins: [plainDynamicImports(), classicLoader()],
});
