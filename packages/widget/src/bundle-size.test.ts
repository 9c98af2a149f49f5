import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from '../scripts/ensure-build.ts';
import en from './ui/strings/en.ts';

/** Budgets from the design, in bytes of gzip (KiB). */
const LOADER_BUDGET = 1.5 * 1024;
/** The most one person downloads: heed.js, the UI chunk with its imports, and the strings of their language. */
const DOWNLOAD_BUDGET = 12 * 1024;

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

let dist: string;
let manifest: Record<string, ManifestChunk>;
const read = (file: string) => readFileSync(join(dist, file), 'utf8');
const gzipped = (file: string) => gzipSync(readFileSync(join(dist, file))).length;

/** The files a chunk needs before it runs: itself and its static imports, transitively. */
function staticGraph(key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key]!;
  if (seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticGraph(imported, seen);
  return seen;
}
const total = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + gzipped(file), 0);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;

beforeAll(async () => {
  dist = await ensureBuild();
  manifest = JSON.parse(read('.vite/manifest.json'));
}, 120_000);

describe('production build', () => {
  it('keeps the loader, and the loader with the UI and the largest strings, within budget', () => {
    const loader = gzipped('heed.js');
    const uiKeys = Object.keys(manifest).filter((key) => staticGraph('src/ui-chunk.ts').has(manifest[key]!.file));
    const ui = total(staticGraph('src/ui-chunk.ts'));
    const languages = Object.values(manifest)
      .filter((chunk) => chunk.src?.startsWith('src/ui/strings/'))
      .map((chunk) => ({ file: chunk.file, size: gzipped(chunk.file) }));
    const largest = Math.max(...languages.map((language) => language.size));
    const hosted = total(staticGraph('src/hosted.ts'));

    console.log(
      [
        `heed.js (loader)                    ${kib(loader)} gzip  (budget ${kib(LOADER_BUDGET)})`,
        `UI ${[...staticGraph('src/ui-chunk.ts')].join(', ')}  ${kib(ui)} gzip`,
        `loader + UI                         ${kib(loader + ui)} gzip`,
        `strings                             ${languages.map((language) => `${language.file} ${language.size} B`).join(', ')}`,
        `loader + UI + largest strings       ${kib(loader + ui + largest)} gzip  (budget ${kib(DOWNLOAD_BUDGET)})`,
        `hosted page + largest strings       ${kib(hosted + largest)} gzip`,
      ].join('\n'),
    );

    expect(languages).toHaveLength(7);
    // Anything else the UI loads lazily would be downloaded on top of the sum below.
    const lazy = uiKeys.flatMap((key) => manifest[key]!.dynamicImports ?? []);
    expect(lazy.filter((key) => !key.startsWith('src/ui/strings/'))).toEqual([]);
    expect(loader).toBeLessThanOrEqual(LOADER_BUDGET);
    expect(loader + ui + largest).toBeLessThanOrEqual(DOWNLOAD_BUDGET);
  });

  it('builds heed.js as a classic script that loads the UI chunk next to it', () => {
    const loader = read('heed.js');
    expect(() => new Script(loader)).not.toThrow();
    expect(loader).not.toMatch(/\bpreact\b|__H|createElement/);
    expect(loader).toContain(`"${manifest['src/ui-chunk.ts']!.file}"`);
  });

  it('leaves the eligibility rule names and the display records out of heed.js (see README)', () => {
    const loader = read('heed.js');
    expect(loader).toMatch(/\brecontactDays\b/);
    expect(loader).not.toMatch(/["'`](?:due|snoozed|recontact|cooldown|sampled-out)["'`]|\banyShown:/);
  });

  it('never evaluates strings as code, so a strict CSP needs no unsafe-eval', () => {
    const scripts = readdirSync(dist).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(3);
    for (const file of scripts) expect(read(file), file).not.toMatch(/\beval\(|new Function\b|\bFunction\(|setTimeout\(["'`]/);
  });

  it('ships no string id, each renamed to one letter (see vite.config.ts)', () => {
    const ids = new RegExp(`\\b(?:${Object.keys(en).filter((key) => key.includes('_')).join('|')})\\b`);
    const scripts = readdirSync(dist).filter((file) => file.endsWith('.js'));
    for (const file of scripts) expect(read(file), file).not.toMatch(ids);
  });

  it('names every strings chunk with the one hash heed.js carries, to fetch them alongside the UI chunk', () => {
    const loader = read('heed.js');
    const strings = Object.values(manifest).filter((chunk) => chunk.src?.startsWith('src/ui/strings/') && chunk.src !== 'src/ui/strings/index.ts');
    const hashes = new Set(strings.map((chunk) => /^[a-z]{2}-([\w-]{8})\.js$/.exec(chunk.file)?.[1]));
    expect(hashes.size).toBe(1);
    expect(loader).toContain(`-${[...hashes][0]}.js`);
  });

  it('writes a .br and a .gz beside every script and stylesheet, holding the same bytes', () => {
    const files = readdirSync(dist).filter((file) => /\.(?:js|css)$/.test(file));
    expect(files).toEqual(expect.arrayContaining(['heed.js', 'hosted.js', manifest['src/ui-chunk.ts']!.file]));
    for (const file of files) {
      const original = readFileSync(join(dist, file));
      expect(brotliDecompressSync(readFileSync(join(dist, `${file}.br`))).equals(original), `${file}.br`).toBe(true);
      expect(gunzipSync(readFileSync(join(dist, `${file}.gz`))).equals(original), `${file}.gz`).toBe(true);
    }
  });

  it('lists in assets.json which files keep their name and which are content-hashed', () => {
    const assets = JSON.parse(read('assets.json')) as { stable: string[]; immutable: string[]; encodings: Record<string, string> };
    const files = readdirSync(dist).filter((file) => /\.(?:js|css)$/.test(file));
    expect(assets.stable).toEqual(['heed.js', 'hosted.js']);
    expect([...assets.stable, ...assets.immutable].sort()).toEqual(files.sort());
    for (const file of assets.immutable) expect(file).toMatch(/-[\w-]{8}\.(?:js|css)$/);
    expect(assets.encodings).toEqual({ br: '.br', gzip: '.gz' });
  });

  it('keeps hosted.js at a fixed name and every other chunk content-hashed', () => {
    const scripts = readdirSync(dist).filter((file) => file.endsWith('.js'));
    expect(scripts).toContain('hosted.js');
    for (const file of scripts.filter((name) => name !== 'hosted.js' && name !== 'heed.js')) {
      expect(file).toMatch(/-[\w-]{8}\.js$/);
    }
  });
});
