// Works offline (issue 20): a browser that opened the app once opens it again with no network,
// VMs, saving and the parts fetched on first use (wasm chunks, Russian's words) included; a new deployment is announced and taken on Reload, and only this
// app's caches are touched; the app is installable; a failed registration changes nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, DIST, SUB_PATH, e2eSuite, serveStatic } from './harness.mjs';
import { action, createForm, expectState, field, openList, row, waitFor } from './app-helpers.mjs';

const e2e = e2eSuite();

const ROOT = resolve(import.meta.dirname, '..', '..');
/** This app's caches: named after its path (see src/web/sw.js). */
const OURS = `${SUB_PATH}#`;
const UPDATE_TEXT = 'A new version is available';

/** Waits until a service worker controls the page. */
const controlled = (page) =>
  waitFor(() => page.evaluate(() => navigator.serviceWorker.controller !== null), 'a service worker to control the page', {
    timeout: 15000,
  });

const cacheNames = (page) => page.evaluate(async () => (await caches.keys()).sort());

/** Creates a running VM through the form. */
async function createVm(page, name) {
  const form = createForm(page);
  await field(form, 'Name').fill(name);
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectState(page, name, 'running');
}

/** A copy of dist/ served on a port (an origin) of its own, which a test may redeploy. */
async function deployment() {
  const dir = mkdtempSync(join(tmpdir(), 'vm-playground-deploy-'));
  cpSync(DIST, dir, { recursive: true });
  const served = await serveStatic(dir);
  const requested = [];
  served.server.on('request', (request) => requested.push(new URL(request.url, 'http://localhost').pathname));
  return {
    ...served,
    dir,
    requested,
    close() {
      served.server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Turns the copy into a new build of the app, as a deployment would: a changed page, and
 * sw.js written again by the build's own step (a new file list hash, so a new version).
 */
function redeploy(dir, build) {
  const index = join(dir, 'index.html');
  const html = readFileSync(index, 'utf8');
  assert.ok(html.includes('</title>'), 'the page has its title');
  // A mark of the new build in the page itself (the title follows the page's language, so
  // the app rewrites it).
  writeFileSync(index, html.replace('</title>', `</title><meta name="deployment" content="${build}">`));
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'service-worker.mjs')], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_SOURCE_DIR: ROOT, TRUNK_PROFILE: 'release' },
    stdio: 'pipe',
  });
}

/** The new build's mark (see `redeploy`), or null in the first build. */
const deploymentMark = (page) =>
  page.evaluate(() => document.querySelector('meta[name="deployment"]')?.content ?? null);

e2e('offline: a reload starts the app from its cache, with the VMs, and changes are still saved', async ({ page, context }) => {
  const site = await deployment();
  try {
    await openList(page, site.url);
    await createVm(page, 'lab-01');
    await controlled(page);

    await context.setOffline(true);
    const online = site.requested.length;
    const response = await page.reload();
    assert.ok(response.fromServiceWorker(), 'the page came from the service worker');
    await page.locator('main.app').waitFor();
    await expectState(page, 'lab-01', 'running');
    await action(page, 'Stop', 'lab-01').click();
    await expectState(page, 'lab-01', 'stopped');

    await page.reload();
    await page.locator('main.app').waitFor();
    await expectState(page, 'lab-01', 'stopped');
    // A part whose code is a chunk of its own, never opened online, comes from the cache too.
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await page.getByRole('button', { name: 'Start lesson: First steps: the lifecycle', exact: true }).waitFor();
    // Russian's words, a file of their own (and the chunk that reads it) never fetched online:
    // from the cache too, on a switch and on a reload in Russian.
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('ru');
    await action(page, 'Запустить', 'lab-01').waitFor();
    await page.reload();
    await action(page, 'Запустить', 'lab-01').waitFor();
    assert.deepEqual(site.requested.slice(online), [], 'nothing reached the server while offline');
    await context.setOffline(false);
  } finally {
    site.close();
  }
});

e2e("a damaged copy in the cache: the loading screen's Reload, online, starts afresh and the VMs are there", async ({ page, problems }) => {
  const site = await deployment();
  try {
    await openList(page, site.url);
    await createVm(page, 'lab-01');
    await controlled(page);
    await waitFor(async () => (await cacheNames(page)).some((name) => name.startsWith(OURS)), 'the cache to be filled');
    // The main wasm's cached copy, cut short (a disk error, an interrupted write).
    await page.evaluate(async (ours) => {
      const name = (await caches.keys()).find((cache) => cache.startsWith(ours));
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (/_bg\.wasm$/.test(request.url)) {
          const bytes = await (await cache.match(request)).arrayBuffer();
          await cache.put(request, new Response(bytes.slice(0, 1000), { headers: { 'Content-Type': 'application/wasm' } }));
        }
      }
    }, OURS);
    await page.reload();
    const reload = page.getByRole('button', { name: 'Reload', exact: true });
    await reload.waitFor();
    assert.equal(await page.locator('main.app').count(), 0, 'the app did not start from the damaged copy');
    // The damaged wasm's compile error is what this test asks for.
    problems.length = 0;
    await reload.click();
    await page.locator('main.app').waitFor();
    await expectState(page, 'lab-01', 'running');
    // The worker is installed anew, and the next visit works offline again.
    await controlled(page);
    await waitFor(async () => (await cacheNames(page)).some((name) => name.startsWith(OURS)), 'the cache to be filled again');
  } finally {
    site.close();
  }
});

e2e('a new deployment is announced, taken on Reload; a tab left on the old version still opens its parts; only this app’s older caches go', async ({ page, context }) => {
  const site = await deployment();
  try {
    await openList(page, site.url);
    await controlled(page);
    // A second tab, which will not reload.
    const stay = await context.newPage();
    await openList(stay, site.url);
    await controlled(stay);
    assert.equal(await page.getByText(UPDATE_TEXT).isVisible(), false, 'no notice before a new version');
    // Every project of a GitHub user shares the origin's cache storage: these are other
    // projects' (one whose path starts like ours, one at the root).
    const foreign = ['/other-project/#1', '/vm-playground-next/#1', '/#1', 'vm-playground'];
    await page.evaluate(async (names) => {
      for (const name of names) await (await caches.open(name)).put('/other', new Response('theirs'));
    }, foreign);
    const first = (await cacheNames(page)).filter((name) => name.startsWith(OURS));
    assert.equal(first.length, 1, `one cache of ours: ${first}`);

    /** Deploys `build`, waits for the notice in `page`, and takes it with Reload. */
    async function update(build, before) {
      // The connection drops; meanwhile a new version is deployed; the connection comes back.
      await context.setOffline(true);
      redeploy(site.dir, build);
      await context.setOffline(false);
      const status = page.getByRole('status').filter({ hasText: UPDATE_TEXT });
      await status.waitFor({ timeout: 15000 });
      assert.equal(await deploymentMark(page), before, 'the page still runs the version it started with');
      assert.ok(
        await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null),
        'the new version waits for Reload',
      );
      await status.getByRole('button', { name: 'Reload', exact: true }).click();
      await waitFor(async () => (await deploymentMark(page)) === build, 'the new version to load', { timeout: 15000 });
      await page.locator('main.app').waitFor();
      await row(page, 'web-01').waitFor();
      assert.equal(await page.getByText(UPDATE_TEXT).isVisible(), false, 'no notice in the new version');
    }

    await update('next', null);
    // The version taken over from keeps its cache: the tab that did not reload runs it.
    let second;
    await waitFor(
      async () => {
        const ours = (await cacheNames(page)).filter((name) => name.startsWith(OURS));
        second = ours.find((name) => name !== first[0]);
        return ours.length === 2 && ours.includes(first[0]);
      },
      'the new version’s cache beside the old one’s',
    );
    // That tab opens a part it never opened, whose file the new version lacks (its build
    // named its chunks anew), with no network: from the old version's cache.
    assert.equal(await deploymentMark(stay), null);
    await stay.evaluate(async (name) => {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (/\/split_edit-[0-9a-f]+\.wasm$/.test(request.url)) await cache.delete(request);
      }
    }, second);
    await context.setOffline(true);
    await action(stay, 'Edit', 'web-01').click();
    await stay.getByRole('form', { name: 'Edit web-01' }).waitFor();
    await context.setOffline(false);
    await stay.close();

    // A version more: the oldest cache goes, the one taken over from stays.
    await update('third', 'next');
    await waitFor(
      async () => {
        const ours = (await cacheNames(page)).filter((name) => name.startsWith(OURS));
        return ours.length === 2 && ours.includes(second) && !ours.includes(first[0]);
      },
      'the oldest version’s cache to go',
    );
    const names = await cacheNames(page);
    for (const name of foreign) assert.ok(names.includes(name), `another project's cache ${name} survives: ${names}`);
    const kept = await page.evaluate(async () => (await (await caches.open('/other-project/#1')).match('/other')).text());
    assert.equal(kept, 'theirs');
  } finally {
    site.close();
  }
});

/** The width and height in a PNG's IHDR chunk. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

e2e('installable: a manifest with name, scope under the sub-path and icons, and a worker in control', async ({ page, context, url }) => {
  await openList(page, url);
  await controlled(page);

  const href = await page.locator('head link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href, page.url());
  const response = await page.request.get(manifestUrl.href);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['content-type'], 'application/manifest+json');
  const manifest = JSON.parse(await response.text());
  assert.equal(manifest.name, 'VM Playground');
  assert.ok(manifest.short_name && manifest.short_name.length <= 12, `a short name: ${manifest.short_name}`);
  assert.equal(new URL(manifest.start_url, manifestUrl).href, url, 'starts at the app');
  assert.equal(new URL(manifest.scope, manifestUrl).href, url, 'scoped to the app’s path');
  assert.ok(['standalone', 'fullscreen', 'minimal-ui'].includes(manifest.display), manifest.display);
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
  assert.match(manifest.background_color, /^#[0-9a-f]{6}$/i);

  const pngs = [];
  for (const icon of manifest.icons.filter((icon) => icon.type === 'image/png')) {
    const image = await page.request.get(new URL(icon.src, manifestUrl).href);
    assert.equal(image.status(), 200, icon.src);
    assert.equal(image.headers()['content-type'], 'image/png', icon.src);
    assert.equal(pngSize(await image.body()), icon.sizes, `${icon.src} is ${icon.sizes}`);
    pngs.push({ sizes: icon.sizes, purposes: (icon.purpose ?? 'any').split(' ') });
  }
  for (const size of ['192x192', '512x512']) {
    assert.ok(pngs.some((icon) => icon.sizes === size && icon.purposes.includes('any')), `a ${size} PNG icon`);
  }
  assert.ok(pngs.some((icon) => icon.purposes.includes('maskable')), 'a maskable icon');

  // The page's own icon and theme colours.
  const favicon = await page.locator('head link[rel="icon"]').getAttribute('href');
  const svg = await page.request.get(new URL(favicon, page.url()).href);
  assert.equal(svg.headers()['content-type'], 'image/svg+xml');
  const themes = await page.locator('head meta[name="theme-color"]').evaluateAll((metas) => metas.map((meta) => meta.media));
  assert.deepEqual(themes.sort(), ['(prefers-color-scheme: dark)', '(prefers-color-scheme: light)']);

  // Chromium's own verdict, as its install menu sees it: in a profile of its own, since the
  // tests' contexts are incognito, where Chromium installs nothing ("in-incognito").
  const { errors } = await (await context.newCDPSession(page)).send('Page.getAppManifest');
  assert.deepEqual(errors, [], 'the manifest parses without errors');
  const profile = mkdtempSync(join(tmpdir(), 'vm-playground-profile-'));
  const persistent = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const installed = persistent.pages()[0] ?? (await persistent.newPage());
    await openList(installed, url);
    await controlled(installed);
    const session = await persistent.newCDPSession(installed);
    const { installabilityErrors } = await session.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'Chromium finds the app installable');
  } finally {
    await persistent.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

e2e('without a service worker (registration refused) the app works as before', async ({ page, problems }) => {
  const site = await deployment();
  try {
    unlinkSync(join(site.dir, 'sw.js'));
    await openList(page, site.url);
    await createVm(page, 'no-worker');
    // The app asks for sw.js once it has rendered, and is refused.
    await waitFor(() => site.requested.includes(`${SUB_PATH}sw.js`), 'the app to ask for sw.js');
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
    await action(page, 'Stop', 'no-worker').click();
    await expectState(page, 'no-worker', 'stopped');
    assert.equal(await page.getByText(UPDATE_TEXT).isVisible(), false, 'no update notice');
    // The only problem: the browser's own console error about the missing script.
    const unexpected = problems.filter((problem) => !/^console error: .*\(404\).* fetching the script\.$/.test(problem));
    assert.deepEqual(unexpected, []);
    problems.length = 0;
  } finally {
    site.close();
  }
});
