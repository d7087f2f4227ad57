// Trunk post-build step (run by scripts/post-build.mjs, first): splits the wasm so that the
// parts marked `#[wasm_split(…)]` in the code are fetched when first used, not on the first
// visit (README, "Size"). Trunk 0.21 has no wasm splitting, so this redoes its last steps on
// the same input:
//   1. wasm-split-cli (crate wasm_split_cli_support, installed by scripts/setup) cuts Cargo's
//      wasm (linked with --emit-relocs, see build.rs) into the main module, one chunk per split
//      point (plus chunks of code that several split points share) and the JavaScript that
//      loads them;
//   2. wasm-bindgen makes the glue of the main module, as Trunk did;
//   3. release builds: wasm-opt each module with index.html's options (data-wasm-opt…), as
//      Trunk did;
//   4. the glue and the wasm replace Trunk's under the same names (index.html and its preloads
//      stay as they are); the chunks and their loader get names with a hash of their content,
//      so a browser never pairs a cached chunk with another build's main module; the loader is
//      preloaded beside the glue.
// A build with no split point leaves Trunk's files alone.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { minify } from 'terser';
import { glueName } from './glue.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const release = process.env.TRUNK_PROFILE === 'release';
const LOADER = '__wasm_split.js';

const html = readFileSync(join(staging, 'index.html'), 'utf8');
const stem = glueName(html, 'split').slice(0, -'.js'.length);
// index.html's rust link: the binary (data-bin) and wasm-opt's options (data-wasm-opt…).
const link = readFileSync(join(source, 'index.html'), 'utf8').match(/<link data-trunk rel="rust"[^>]*>/)?.[0] ?? '';
const bin = link.match(/data-bin="([^"]+)"/)?.[1];
const level = link.match(/data-wasm-opt="([^"]+)"/)?.[1];
const params = link.match(/data-wasm-opt-params="([^"]*)"/)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
if (!bin || !level) {
  console.error('split: index.html\'s rust link has no data-bin or data-wasm-opt');
  process.exit(1);
}
// Cargo's output for that binary, in the target directory Trunk's cargo build used.
const target = process.env.CARGO_TARGET_DIR ?? join(source, 'target');
const input = join(target, 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${bin}.wasm`);

const run = (command, args) => execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const work = mkdtempSync(join(tmpdir(), 'vm-playground-split-'));
try {
  run('wasm-split-cli', [input, work, '--target', 'web', '--out-name', stem]);
  const chunks = readdirSync(work).filter((name) => name.endsWith('.wasm') && name !== `${stem}.wasm`);
  if (chunks.length === 0) {
    console.log('split: no split points, Trunk\'s wasm kept');
    process.exit(0);
  }
  const bindgen = join(work, 'bindgen');
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', bindgen, '--out-name', stem, join(work, `${stem}.wasm`)]);

  // Release builds run wasm-opt once per module, ~80 of them, as many at a time as there are
  // cores: one after another, they were most of a release build's post-build step.
  const optimiseAll = async (pairs) => {
    if (!release) {
      for (const [from, to] of pairs) copyFileSync(from, to);
      return;
    }
    const wasmOpt = promisify(execFile);
    let next = 0;
    const worker = async () => {
      while (next < pairs.length) {
        const [from, to] = pairs[next];
        next += 1;
        const { stdout, stderr } = await wasmOpt('wasm-opt', [`-O${level}`, ...params, from, '--output', to], { maxBuffer: 1 << 26 });
        process.stdout.write(stdout);
        process.stderr.write(stderr);
      }
    };
    await Promise.all(Array.from({ length: Math.min(availableParallelism(), pairs.length) }, worker));
  };
  const optimised = (chunk) => join(work, `opt-${chunk}`);
  await optimiseAll([
    [join(bindgen, `${stem}_bg.wasm`), join(staging, `${stem}_bg.wasm`)],
    ...chunks.map((chunk) => [join(work, chunk), optimised(chunk)]),
  ]);

  const hashed = (name, data) => {
    const dot = name.lastIndexOf('.');
    const hash = createHash('sha256').update(data).digest('hex').slice(0, 16);
    return `${name.slice(0, dot)}-${hash}${name.slice(dot)}`;
  };
  let loader = readFileSync(join(work, LOADER), 'utf8');
  for (const chunk of chunks) {
    const data = readFileSync(optimised(chunk));
    const name = hashed(chunk, data);
    writeFileSync(join(staging, name), data);
    const reference = `"./${chunk}"`;
    if (!loader.includes(reference)) {
      console.error(`split: ${LOADER} does not name ${chunk}`);
      process.exit(1);
    }
    loader = loader.replaceAll(reference, `"./${name}"`);
    console.log(`split: chunk ${name}, ${data.length} bytes`);
  }
  // Release builds: minified, like the glue (scripts/post-build.mjs).
  if (release) loader = (await minify(loader, { module: true, compress: { passes: 2 }, mangle: true })).code;
  const loaderName = hashed(`${stem}-split.js`, loader);
  writeFileSync(join(staging, loaderName), loader);

  const glueText = readFileSync(join(bindgen, `${stem}.js`), 'utf8');
  // Only the module's URL: the key of the wasm's imports keeps the name the wasm asks for.
  const importOfLoader = ` from "./${LOADER}"`;
  // (wasm-bindgen writes one import statement per split point, all of the same module.)
  if (!glueText.includes(importOfLoader)) {
    console.error(`split: wasm-bindgen's glue does not import ${LOADER}`);
    process.exit(1);
  }
  writeFileSync(join(staging, `${stem}.js`), glueText.replaceAll(importOfLoader, ` from "./${loaderName}"`));
  // The loader preloaded beside the glue, as Trunk preloads the glue's other imports: found
  // only once the glue arrived, it was fetched after it, a round trip more before the wasm
  // can start (in a trace from localhost, the glue's response came ~10 ms before the loader's
  // request; A/B start-ups from localhost show no difference beyond the noise).
  const pagePath = join(staging, 'index.html');
  const page = readFileSync(pagePath, 'utf8');
  const gluePreload = [...page.matchAll(/<link\b[^>]*>/g)]
    .map(([tag]) => tag)
    .find((tag) => /\bmodulepreload\b/.test(tag) && tag.includes(`${stem}.js`));
  if (!gluePreload) {
    console.error(`split: index.html has no modulepreload of ${stem}.js`);
    process.exit(1);
  }
  writeFileSync(pagePath, page.replace(gluePreload, gluePreload + gluePreload.replace(`${stem}.js`, loaderName)));
  console.log(`split: ${stem}_bg.wasm and ${stem}.js replaced, ${chunks.length} chunk(s), loader ${loaderName}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
