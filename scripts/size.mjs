// Sizes of a built dist/: raw, gzip -9 and brotli -11 per file, and the totals.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = process.argv[2] ?? 'dist';

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(9);
const rows = [...files(root)].map((path) => {
  const data = readFileSync(path);
  return {
    name: relative(root, path),
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
});

const width = Math.max(5, ...rows.map((row) => row.name.length));
console.log(`${'file'.padEnd(width)}  ${'raw KB'.padStart(9)}  ${'gzip KB'.padStart(9)}  ${'brotli KB'.padStart(9)}`);
for (const row of rows) {
  console.log(`${row.name.padEnd(width)}  ${kb(row.raw)}  ${kb(row.gzip)}  ${kb(row.brotli)}`);
}
const sum = (key) => rows.reduce((total, row) => total + row[key], 0);
console.log(`${'total'.padEnd(width)}  ${kb(sum('raw'))}  ${kb(sum('gzip'))}  ${kb(sum('brotli'))}`);
// The budget counts what the first visit downloads until the page is interactive:
// HTML, CSS, the JS glue and the main wasm (the .d.ts is for editors and is fetched by
// nobody), and the chunks' loader, which the glue imports. The wasm's chunks (split_*.wasm
// and chunk_*.wasm, see scripts/split.mjs) come when a part of the page is first used; the
// service worker then caches every file for offline use, in the background.
const isChunk = (row) => /^(split|chunk)_.*\.wasm$/.test(row.name);
const loaded = rows.filter((row) => /\.(html|css|js|wasm)$/.test(row.name) && !isChunk(row));
const gzipOf = (list) => (list.reduce((total, row) => total + row.gzip, 0) / 1024).toFixed(1);
console.log(`the first visit downloads ${gzipOf(loaded)} KB gzip (html + css + js + main wasm; cap 275 KB, issue 18)`);
// A page in Russian also fetches Russian's words (src/i18n/file.rs) and their reader's chunk
// before it shows.
const russian = rows.filter((row) => /^ru-.*\.txt$/.test(row.name) || row.name.startsWith('split_language_file-'));
if (russian.length > 0) console.log(`a first visit in Russian also fetches ${gzipOf(russian)} KB gzip (${russian.map((row) => row.name).join(', ')})`);
const chunks = rows.filter(isChunk);
if (chunks.length > 0) {
  console.log(`chunks fetched when first used: ${gzipOf(chunks)} KB gzip in all`);
  for (const row of chunks) console.log(`  ${row.name}  ${(row.gzip / 1024).toFixed(1)} KB gzip`);
}
const rest = rows.filter((row) => !loaded.includes(row) && !chunks.includes(row));
console.log(`the service worker caches the chunks and ${gzipOf(rest)} KB gzip more in the background (${rest.map((row) => row.name).join(', ')})`);
