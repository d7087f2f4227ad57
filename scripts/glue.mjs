// wasm-bindgen's JavaScript glue (0.2.130): which file it is (`glueName`, for scripts/split.mjs
// and scripts/post-build.mjs), and a faster path for short ASCII strings in it, applied by
// scripts/post-build.mjs before minifying.
//
// Every string the wasm hands the DOM (each attribute value, text, class) goes through the
// glue's `getStringFromWasm0`, which calls `TextDecoder.decode` on a view of the wasm memory:
// for the short ASCII strings that most of them are (an accessible name, a state word, an
// action) that call costs more than the copy itself (~4 µs each in a CPU profile of start-up
// with 1,000 VMs, ~12,000 calls). Bytes below 0x80 are their own characters in UTF-8, so such
// a string is read byte by byte; anything else goes to the decoder as before.

/** The function as wasm-bindgen writes it. */
const ORIGINAL = `function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}`;

/** Strings up to this many bytes are tried byte by byte. */
const SHORT = 64;

const REPLACEMENT = `function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    const memory = getUint8ArrayMemory0();
    if (len <= ${SHORT}) {
        let text = '';
        for (let i = ptr, end = ptr + len; i < end; i++) {
            const byte = memory[i];
            if (byte > 127) return decodeText(memory.subarray(ptr, ptr + len));
            text += String.fromCharCode(byte);
        }
        return text;
    }
    return decodeText(memory.subarray(ptr, ptr + len));
}`;

/**
 * `source` (the glue) with the faster `getStringFromWasm0`. Throws where the glue no longer
 * has the function as expected (a new wasm-bindgen): the build then fails and says so, rather
 * than shipping without it unnoticed.
 */
export function fastShortStrings(source) {
  if (!source.includes(ORIGINAL)) {
    throw new Error('scripts/glue.mjs: getStringFromWasm0 is not as wasm-bindgen 0.2.130 writes it; update the patch');
  }
  return source.replace(ORIGINAL, REPLACEMENT);
}

/**
 * The file name of the glue in a built `index.html`: the module Trunk's inline loader imports
 * (the page's other scripts, boot.js and the chunks' loader, are not). Exits the build with a
 * message unless there is exactly one.
 */
export function glueName(html, who) {
  const imports = [...html.matchAll(/<script type=["']?module["']?>([\s\S]*?)<\/script>/g)]
    .flatMap(([, body]) => [...body.matchAll(/\bfrom\s+['"]([^'"]+\.js)['"]/g)])
    .map(([, path]) => path.split('/').pop());
  if (imports.length !== 1) {
    console.error(`${who}: expected one module imported by index.html's inline loader, found ${imports.length}`);
    process.exit(1);
  }
  return imports[0];
}
