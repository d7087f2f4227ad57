// The loading screen's only script (external: the Content-Security-Policy runs no inline
// script but Trunk's pinned loader). index.html already shows the app's name and "Loading…"
// without any script; this picks the language to show it in, and says so if the app fails to
// load (the glue or the wasm can't be fetched or compiled), with a Reload button. The app
// removes the whole screen (#boot) when it mounts.
//
// Loaded without `defer`, in <head> before Trunk's loader: its listeners are in place before
// any fetch of the app can fail, and it touches #boot once the document has been read.
(() => {
  let failed = false;
  const show = () => {
    const boot = document.getElementById('boot');
    if (boot && failed) boot.classList.add('failed');
  };
  const fail = () => {
    failed = true;
    show();
  };
  // A script, the wasm's preload or a stylesheet that could not be fetched; or, before the app
  // is up, an error thrown by the page's own scripts (the loader's top-level await fails so
  // when the wasm can't be fetched: an error event, not a rejection). Another origin's script
  // (an extension) is not the app failing.
  window.addEventListener('error', (event) => {
    const target = event.target;
    if (target && target !== window && (target.tagName === 'SCRIPT' || target.tagName === 'LINK')) fail();
    else if (target === window && String(event.filename || '').startsWith(location.origin)) fail();
  }, true);
  // Trunk's loader awaits the wasm: a failed fetch or compile rejects, and nothing catches it.
  window.addEventListener('unhandledrejection', fail);

  document.addEventListener('DOMContentLoaded', () => {
    const boot = document.getElementById('boot');
    if (!boot) return;
    // ?lang= first, then the browser's languages: as the app chooses (src/i18n, Lang::choose).
    const wanted = [new URLSearchParams(location.search).get('lang'), ...(navigator.languages || [navigator.language])];
    const lang = wanted
      .map((tag) => String(tag || '').slice(0, 2).toLowerCase())
      .find((tag) => tag === 'en' || tag === 'ru');
    if (lang) boot.setAttribute('data-boot-lang', lang);
    for (const button of boot.querySelectorAll('.boot-reload')) {
      button.addEventListener('click', async () => {
        // Online, start afresh: the app's files may be damaged in this browser's cache, and a
        // reload alone would start from the same copies. Its caches (only this app's: they are
        // named after its path, see sw.js) and its service worker go; the reload fetches every
        // file and installs the worker anew. The VMs are in localStorage, untouched. Offline,
        // the kept copies are all there is: only reload.
        if (navigator.onLine) {
          try {
            const ours = `${new URL('./', location.href).pathname}#`;
            for (const name of await caches.keys()) if (name.startsWith(ours)) await caches.delete(name);
            await (await navigator.serviceWorker?.getRegistration())?.unregister();
          } catch {
            // A plain reload is still worth trying.
          }
        }
        location.reload();
      });
    }
    show();
  });
})();
