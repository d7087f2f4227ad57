// Trunk post-build step (run by scripts/post-build.mjs, last): writes sw.js, the
// service worker, into the staging directory from its template src/web/sw.js, with the build
// filled in: every file of the build (what a visit needs to work offline) and a version that
// changes whenever any of them does. Release builds only: `trunk serve`'s debug builds get no
// service worker (the page registers one in release builds only).
//
// It lists the directory as it is after Trunk, the minified glue and the CSP pin, so it runs last. The e2e test
// of updates runs it again on a copy of dist/ to make a "new deployment".
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('service-worker: TRUNK_STAGING_DIR is not set (this runs as a Trunk hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') {
  process.exit(0);
}
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const WORKER = 'sw.js';

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

// URLs relative to sw.js (which sits at the root of dist/, so the same as to the page).
const files = [...walk(staging)]
  .map((path) => relative(staging, path).split(sep).join('/'))
  .filter((name) => name !== WORKER)
  .sort();
const hash = createHash('sha256');
for (const name of files) {
  hash.update(`${name}\0`);
  hash.update(readFileSync(join(staging, name)));
}
const version = hash.digest('hex').slice(0, 16);
// The page is cached as the app's folder ("./"), the URL it is opened at.
const urls = files.map((name) => (name === 'index.html' ? './' : encodeURI(name)));

const template = readFileSync(join(source, 'src', 'web', WORKER), 'utf8');
const placeholder = /^const BUILD = \{ version: 'unbuilt', files: \[\] \};$/m;
if (!placeholder.test(template)) {
  console.error(`service-worker: src/web/${WORKER} has no "const BUILD = { version: 'unbuilt', files: [] };" line`);
  process.exit(1);
}
const filled = template.replace(placeholder, `const BUILD = ${JSON.stringify({ version, files: urls })};`);
const { code } = await minify(filled, { compress: { passes: 2 }, mangle: true });
writeFileSync(join(staging, WORKER), code);
console.log(`service-worker: ${WORKER} version ${version}, ${urls.length} files`);
