// Trunk post-build step (run by scripts/post-build.mjs, see Trunk.toml): minifies wasm-bindgen's
// JavaScript glue in the staging directory (and updates its integrity hash in index.html, if it
// has one).
//
// Trunk 0.21's --minify covers HTML and CSS but leaves the glue as wasm-bindgen wrote it
// (about 10 KB of gzip; 7 KB minified). Release builds only: debug builds keep it readable.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('minify-js: TRUNK_STAGING_DIR is not set (this runs as a Trunk hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') {
  process.exit(0);
}

const integrity = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

const htmlPath = join(staging, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
// The glue is the module index.html imports; the .d.ts and anything else are left alone.
const glue = readdirSync(staging).filter((name) => name.endsWith('.js') && html.includes(name));
if (glue.length !== 1) {
  console.error(`minify-js: expected one JavaScript file referenced by index.html, found ${glue.length}`);
  process.exit(1);
}
const path = join(staging, glue[0]);
const source = readFileSync(path, 'utf8');
const result = await minify(source, {
  module: true,
  compress: { passes: 2 },
  mangle: true,
  // `MockVmManager.name` and stack traces keep the names scripts see.
  keep_classnames: true,
});
writeFileSync(path, result.code);
// index.html asks Trunk for no integrity hash on the glue (data-integrity="none"); should one
// come back, it must follow the new text or the browser refuses the script.
const before = integrity(source);
if (html.includes(before)) {
  html = html.replaceAll(before, integrity(result.code));
  writeFileSync(htmlPath, html);
}
console.log(`minify-js: ${glue[0]} ${source.length} → ${result.code.length} bytes`);
