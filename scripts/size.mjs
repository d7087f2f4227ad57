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
// The budget counts what a visit downloads: HTML, CSS, JS and wasm (the .d.ts is for
// editors and is fetched by nobody).
const loaded = rows.filter((row) => /\.(html|css|js|wasm)$/.test(row.name));
const loadedGzip = loaded.reduce((total, row) => total + row.gzip, 0);
console.log(`a visit downloads ${(loadedGzip / 1024).toFixed(1)} KB gzip (html + css + js + wasm; cap 275 KB, issue 18)`);
// After the first render the service worker (sw.js, counted above) caches the whole build for
// offline use: the rest of it is fetched then, in the background.
const rest = rows.filter((row) => !loaded.includes(row));
const restGzip = rest.reduce((total, row) => total + row.gzip, 0);
console.log(`then the service worker caches ${(restGzip / 1024).toFixed(1)} KB gzip more in the background (${rest.map((row) => row.name).join(', ')})`);
