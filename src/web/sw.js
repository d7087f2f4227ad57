// VM Playground's service worker: lets a browser that opened the app once open it again with
// no network. The page registers it (src/web/service_worker.rs) once the app has rendered.
//
// This file is a template: scripts/service-worker.mjs (a Trunk post-build hook) fills in BUILD
// with the build's version and the files in dist/, and writes the result to dist/sw.js. A new
// deployment therefore changes sw.js, which is how the browser notices it.
//
// Invariants:
// - It touches only caches whose names start with this app's path (`/vm-playground/#`): every
//   project of a GitHub user shares one origin, and so one cache storage.
// - A version's cache holds one build's files, written when that version installs and never
//   changed after, so the page, the wasm and the JS it falls back on always belong together.
// - It waits until the page asks it to take over (after the user chose Reload): it never
//   switches versions under someone's hands. A tab that did not reload keeps running the
//   version before, and fetches its parts when first used: so that version's cache is kept
//   (only older ones go), and a file not in this version's cache is looked for there.
'use strict';

const BUILD = { version: 'unbuilt', files: [] };

// The app's path (e.g. /vm-playground/): it names every cache of this app and nothing else's.
// A path holds no '#', so no other project's caches can start with OURS.
const SCOPE = self.registration.scope;
const OURS = `${new URL(SCOPE).pathname}#`;
const CACHE = `${OURS}${BUILD.version}`;
// The page's message that makes a waiting version take over (src/web/service_worker.rs).
const TAKE_OVER = 'take-over';

self.addEventListener('install', (event) => {
  // `no-cache`: revalidated with the server, so an HTTP-cached copy of a file from the last
  // deployment (index.html, the manifest) never ends up in this version's cache.
  const requests = BUILD.files.map((file) => new Request(file, { cache: 'no-cache' }));
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(requests))
      .catch(async (error) => {
        // A failed install leaves nothing behind; the old version, if any, stays in charge.
        await caches.delete(CACHE);
        throw error;
      }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // `keys()` lists caches in the order they were made: the last of the others is the
      // version this one takes over from.
      const older = (await caches.keys()).filter((name) => name.startsWith(OURS) && name !== CACHE);
      for (const name of older.slice(0, -1)) await caches.delete(name);
      // The page's request starts while the worker itself is still starting up, so being
      // network-first costs a navigation nothing.
      await self.registration.navigationPreload?.enable();
      // On a first visit: control the page that registered us, so it works offline already.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === TAKE_OVER) self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  // Only this app's own files: anything else goes to the network as if we weren't here.
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith(request.mode === 'navigate' ? networkFirst(event) : cacheFirst(request));
});

/** The page: the deployed one when the network answers, this version's copy when it doesn't. */
async function networkFirst(event) {
  const { request } = event;
  try {
    return (await event.preloadResponse) ?? (await fetch(request));
  } catch (error) {
    const cache = await caches.open(CACHE);
    const copy = (await cache.match(request, { ignoreSearch: true })) ?? (await cache.match('./'));
    if (copy) return copy;
    throw error;
  }
}

/**
 * Files whose names carry their content's hash (and the rest of the build): this version's
 * copy, else the version before's (a tab still running it asks for its own files), else the
 * network.
 */
async function cacheFirst(request) {
  const copy = await (await caches.open(CACHE)).match(request);
  if (copy) return copy;
  // Only on a miss: the caches are listed for the files this version doesn't have.
  for (const name of await caches.keys()) {
    if (!name.startsWith(OURS) || name === CACHE) continue;
    const older = await (await caches.open(name)).match(request);
    if (older) return older;
  }
  return fetch(request);
}
