// Trunk post_build hook (see Trunk.toml), one script because Trunk runs a stage's hooks at the
// same time and both steps rewrite index.html in the staging directory:
//   0. every build: split the wasm into the main module and chunks fetched on first use, in
//      place of Trunk's wasm and glue (scripts/split.mjs); the steps below see its output.
//      Then Russian's words, src/i18n/ru.txt (the wasm carries English only and fetches them:
//      src/i18n/file.rs), under the name build.rs gave the wasm: ru-<FNV-1a 64 of it>.txt.
//   1. release builds: give wasm-bindgen's glue a faster path for short ASCII strings
//      (scripts/glue.mjs), then minify it (and update its integrity hash
//      in index.html, if it has one). Trunk 0.21's --minify covers HTML and CSS but leaves the
//      glue as wasm-bindgen wrote it (about 10 KB of gzip; 7 KB minified). Debug builds keep it
//      readable.
//   2. every build: list the sha256 of each inline script (Trunk's loader) in the
//      Content-Security-Policy of index.html (scripts/csp.mjs).
//   3. release builds: write the service worker, sw.js, whose file list and version must see
//      every file as the steps above left it (scripts/service-worker.mjs), so it runs last.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';
import { pinInlineScripts } from './csp.mjs';
import { fastShortStrings, glueName } from './glue.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (this runs as a Trunk hook)');
  process.exit(1);
}

// 0. every build: the wasm split into the main module and chunks fetched on first use.
try {
  execFileSync(process.execPath, [join(import.meta.dirname, 'split.mjs')], { stdio: 'inherit' });
} catch (error) {
  console.error('post-build: split.mjs failed');
  process.exit(error.status ?? 1);
}

const root = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const russian = readFileSync(join(root, 'src', 'i18n', 'ru.txt'));
let fnv = 0xcbf29ce484222325n;
for (const byte of russian) fnv = ((fnv ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
writeFileSync(join(staging, `ru-${fnv.toString(16).padStart(16, '0')}.txt`), russian);

const integrity = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

const htmlPath = join(staging, 'index.html');
let html = readFileSync(htmlPath, 'utf8');

if (process.env.TRUNK_PROFILE === 'release') {
  // Only the glue: the .d.ts, the loading screen's boot.js, the chunks' loader (minified by
  // split.mjs) and anything else are left alone.
  const glue = glueName(html, 'post-build');
  const path = join(staging, glue);
  const source = readFileSync(path, 'utf8');
  const result = await minify(fastShortStrings(source), {
    module: true,
    compress: { passes: 2 },
    mangle: true,
    // `MockVmManager.name` and stack traces keep the names scripts see.
    keep_classnames: true,
  });
  writeFileSync(path, result.code);
  // index.html asks Trunk for no integrity hash on the glue (data-integrity="none"); should one
  // come back, it must follow the new text or the browser refuses the script.
  html = html.replaceAll(integrity(source), integrity(result.code));
  console.log(`post-build: ${glue} ${source.length} → ${result.code.length} bytes`);
}

const pinned = pinInlineScripts(html);
writeFileSync(htmlPath, pinned.html);
console.log(`post-build: CSP script-src pins ${pinned.hashes.length} inline script(s)`);

try {
  execFileSync(process.execPath, [join(import.meta.dirname, 'service-worker.mjs')], { stdio: 'inherit' });
} catch (error) {
  console.error('post-build: service-worker.mjs failed');
  process.exit(error.status ?? 1);
}
