// The wasm split (issue 18, README "Size"): until the app is up, the first visit fetches the
// page, its CSS and scripts and the main wasm, and no chunk; the parts below the first screen
// (host, console, event log) come right after by themselves; the rest only when used. A page in
// Russian fetches Russian's words (a file) and the chunk that reads them first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, SUB_PATH, e2eSuite } from './harness.mjs';
import { action, openList } from './app-helpers.mjs';

const e2e = e2eSuite();

/** A wasm chunk's file name (scripts/split.mjs). */
const isChunk = (name) => /^(split|chunk)_.*\.wasm$/.test(name);

/** The file of dist/ a URL of the served app names ('' for the page itself). */
const fileOf = (url) => decodeURIComponent(new URL(url).pathname.slice(SUB_PATH.length));

/** Records, in the page, when the app mounted (before any of the page's scripts runs). */
async function recordMount(page) {
  await page.addInitScript(() => {
    new MutationObserver((_records, observer) => {
      if (document.querySelector('main.app')) {
        window.__mountedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

/** The files the page fetched before and after the app mounted. */
async function fetchedAroundMount(page) {
  const { mounted, resources } = await page.evaluate(() => ({
    mounted: window.__mountedAt,
    resources: performance.getEntriesByType('resource').map((entry) => ({ url: entry.name, start: entry.startTime })),
  }));
  assert.ok(mounted > 0, 'the mount was seen');
  const files = (keep) => resources.filter(keep).map((resource) => fileOf(resource.url));
  return { before: files((resource) => resource.start < mounted), after: files((resource) => resource.start >= mounted) };
}

e2e('until the app is up the first visit fetches no wasm chunk; the parts below the first screen come right after, unasked', async ({ page, url }) => {
  await recordMount(page);
  await openList(page, url);
  // The console, the event log and the host panel arrive without scrolling or clicking.
  await page.getByRole('textbox', { name: 'Command', exact: true }).waitFor();
  await page.getByRole('region', { name: 'Host', exact: true }).waitFor();
  const { before, after } = await fetchedAroundMount(page);

  assert.deepEqual(before.filter(isChunk), [], 'no chunk before the app is up');
  assert.equal(before.filter((name) => name.endsWith('_bg.wasm')).length, 1, 'the main wasm');
  assert.equal(after.filter((name) => name.startsWith('split_below_first_screen-')).length, 1, 'their chunk, after');
  // Nothing used only on demand; nothing of Russian's.
  assert.deepEqual([...before, ...after].filter((name) => /^ru-.*\.txt$/.test(name)), [], 'no Russian words');
  for (const part of ['lessons', 'edit', 'snapshot_dialog', 'confirm_dialog', 'share_dialog', 'import', 'share_link', 'details', 'alerts', 'language_file', 'export']) {
    assert.equal([...before, ...after].filter((name) => name.startsWith(`split_${part}-`)).length, 0, `no ${part} chunk`);
  }
  const gzip = (names) =>
    (names.reduce((total, name) => total + gzipSync(readFileSync(join(DIST, name || 'index.html')), { level: 9 }).length, 0) / 1024).toFixed(1);
  // The figures README's "Size" quotes.
  console.log(`fetched until the app is up: index.html, ${before.join(', ')}: ${gzip(['index.html', ...before])} KB gzip`);
  const chunks = after.filter(isChunk);
  console.log(`then, unasked: ${chunks.length} chunk files, ${gzip(chunks)} KB gzip`);
});

e2e('a Russian first visit fetches Russian’s words and their reader before the app is up', async ({ page, url }) => {
  await recordMount(page);
  await openList(page, `${url}?lang=ru`);
  await action(page, 'Остановить', 'web-01').waitFor();
  const { before } = await fetchedAroundMount(page);
  const russian = before.filter((name) => /^ru-[0-9a-f]{16}\.txt$/.test(name) || name.startsWith('split_language_file-'));
  assert.equal(russian.length, 2, `the words and their reader: ${before.join(', ')}`);
  const gzip = russian.reduce((total, name) => total + gzipSync(readFileSync(join(DIST, name)), { level: 9 }).length, 0);
  // The figure README's "Size" quotes.
  console.log(`a Russian first visit also fetches ${russian.join(', ')}: ${(gzip / 1024).toFixed(1)} KB gzip`);
});

e2e('the selected VM’s details and the edit dialog come with their first use', async ({ page, url }) => {
  const fetched = [];
  page.on('request', (request) => fetched.push(fileOf(request.url())));
  await openList(page, url);
  const chunks = (part) => fetched.filter((name) => name.startsWith(`split_${part}-`)).length;
  assert.equal(chunks('details'), 0);
  await page.getByRole('button', { name: 'Show details of db-01', exact: true }).click();
  await page.locator('[data-details-vm="db-01"]').waitFor();
  assert.equal(chunks('details'), 1);
  assert.equal(chunks('edit'), 0);
  await action(page, 'Edit', 'db-01').click();
  await page.getByRole('form', { name: /^Edit / }).waitFor();
  assert.equal(chunks('edit'), 1);
});
