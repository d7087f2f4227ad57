// UI benchmark: the release dist/ in headless Chromium, served under /vm-playground/.
// Prints figures; asserts nothing (speed targets live here, not in tests).
//   node benches/ui.mjs [--runs N] [--counts 1000,10000] [--no-toggle] [--no-bulk]
//                       [--no-vanilla] [--vanilla DIR] [--no-tick] [--only-tick]
// Side by side with the hand-written vanilla-JavaScript app (../shared/reference-vanilla, same
// automation contract; served the same way on an origin of its own), in one run, so that the
// ratios hold on a machine other builds share: start-up with 1,000 and 10,000 VMs in storage
// (navigation start until every row is in the DOM); 10,000 × `vmPlayground.createVm` in one
// synchronous loop until every row is in the DOM and painted; and right after that, Stop and
// Start clicks on rows in the middle (the click's input event until the row's `data-state`
// changed and the next frame is painted). Each run of either app is in a fresh Chromium, the
// two apps' runs taking turns, and the figures are medians of `--runs` runs.
// Then, for this app alone, with 10,000 VMs: one toggle (stop or start): click until the DOM shows the
// new state and the next frame has been painted, saving included; the click both as a person
// makes it (real input at a random moment) and right after a frame (the worst case); and
// typing in the name filter there (key to next frame). And a tick of the simulated clock
// (issue 14) with 1,000 and 10,000 VMs, a third of them running and a third paused: its
// main-thread work, with the Host panel's graphs off screen (as the page opens: below the list)
// and scrolled into view (`--only-tick`: that alone).
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { serveStatic, launchChromium } from '../tests/e2e/harness.mjs';
import { steadyPoint } from './steady-point.mjs';

const option = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const runs = Number(option('--runs')) || 5;
const counts = (option('--counts') ?? '1000,10000').split(',').map(Number);
const onlyTick = process.argv.includes('--only-tick');
const toggle = !process.argv.includes('--no-toggle') && !onlyTick;
const bulk = !process.argv.includes('--no-bulk') && !onlyTick;
const tick = !process.argv.includes('--no-tick');
const VANILLA = resolve(option('--vanilla') ?? join(import.meta.dirname, '..', '..', 'shared', 'reference-vanilla'));
const vanilla = !process.argv.includes('--no-vanilla') && existsSync(join(VANILLA, 'index.html'));
const META_KEY = 'vm-playground:meta';
const VM_PREFIX = 'vm-playground:vm:';
/** VMs created in the bulk scenario, and the clicks after it (each a Stop and a Start). */
const BULK = 10000;
const CLICKED_ROWS = 5;

const vmName = (i) => `vm-${String(i).padStart(5, '0')}`;
const vmConfig = (name, i) => ({
  name,
  memory: 1024 * (1 + (i % 4)),
  vcpus: 1 + (i % 8),
  diskPath: `/var/lib/libvirt/images/${name}.qcow2`,
  diskSize: 20,
  isoImage: null,
  network: 'default',
});

/**
 * What storage holds before a run: `count` VMs for `app` ('app', or 'vanilla', which reads
 * format 1 and has no host). The app gets an unlimited host (format 2): thousands of running
 * VMs are beyond the default laptop, where a start would be refused (issue 14).
 */
function records(count, app = 'app') {
  const entries = app === 'app'
    ? {
        [META_KEY]: JSON.stringify({ version: 2 }),
        'vm-playground:host': JSON.stringify({ memory: null, cpus: null, storage: null, overcommit: false }),
      }
    : { [META_KEY]: JSON.stringify({ version: 1 }) };
  const now = Date.now();
  for (let i = 0; i < count; i += 1) {
    const name = vmName(i);
    entries[VM_PREFIX + name] = JSON.stringify({
      config: vmConfig(name, i),
      state: ['running', 'stopped', 'paused'][i % 3],
      pending: null,
      createdAt: now,
      stateChangedAt: now,
      revision: 1,
    });
  }
  return entries;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;

async function withVms(browser, url, count, body, app = 'app') {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  // The VMs go into storage first, from a page of the same origin that is not the app, so
  // that the navigation measured is the app's alone (seeding 10,000 keys from an init script
  // in that same navigation added ~300 ms to the figure).
  await page.goto(new URL('bench-seed', url).href);
  await page.evaluate((data) => {
    for (const [key, value] of Object.entries(data)) localStorage.setItem(key, value);
  }, records(count, app));
  try {
    return await body(page);
  } finally {
    await context.close();
  }
}

/** Navigation start until the first rows show, and until every row is in the DOM (ms). */
async function startup(page, url, count) {
  const last = vmName(count - 1);
  await page.addInitScript((last) => {
    // From inside the page, and without querying all rows in every frame (at 10,000 rows that
    // alone took ~10% of the time measured): note the first frame with a row, and when the
    // last VM's row (the list renders in name order) is added.
    const check = () => {
      if (document.querySelector('[data-vm]')) window.__firstRows = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
    const selector = `[data-vm="${last}"]`;
    new MutationObserver((mutations, observer) => {
      const added = mutations.flatMap((mutation) => [...mutation.addedNodes]);
      if (added.some((node) => node.nodeType === 1 && (node.matches(selector) || node.querySelector(selector)))) {
        window.__allRows = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, last);
  await page.goto(url);
  await page.waitForFunction(() => window.__allRows !== undefined, null, { polling: 50, timeout: 120_000 });
  const [firstRows, allRows, rows] = await page.evaluate(() => [window.__firstRows, window.__allRows, document.querySelectorAll('[data-vm]').length]);
  if (rows !== count) throw new Error(`${rows} rows for ${count} VMs`);
  return [firstRows, allRows];
}

/**
 * The page with no VMs (and the app's unlimited host), then `BULK` × `vmPlayground.createVm`
 * in one synchronous loop: ms until the loop returned, and until every row is in the DOM and
 * the next frame has been painted. Then Stop and Start, each clicked as a person does on
 * `CLICKED_ROWS` rows in the middle: ms from each click's input event until the row's
 * `data-state` changed and the next frame was painted.
 */
async function bulkThenClicks(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.vmPlayground !== undefined && document.readyState === 'complete');
  const [looped, painted] = await page.evaluate(async ({ count, last }) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    await frame();
    await frame();
    const selector = `[data-vm="${last}"]`;
    // Rows are added in name order: the last VM's row is the last one (see `startup`).
    const lastRow = new Promise((resolve) => {
      new MutationObserver((mutations, observer) => {
        const added = mutations.flatMap((mutation) => [...mutation.addedNodes]);
        if (added.some((node) => node.nodeType === 1 && (node.matches(selector) || node.querySelector(selector)))) {
          observer.disconnect();
          resolve();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const config = (i) => {
      const name = `vm-${String(i).padStart(5, '0')}`;
      return { name, memory: 1024 * (1 + (i % 4)), vcpus: 1 + (i % 8), diskPath: `/var/lib/libvirt/images/${name}.qcow2`, diskSize: 20, isoImage: null, network: 'default' };
    };
    const started = performance.now();
    for (let i = 0; i < count; i += 1) window.vmPlayground.createVm(config(i));
    const looped = performance.now() - started;
    if (!document.querySelector(selector)) await lastRow;
    await frame();
    return [looped, performance.now() - started];
  }, { count: BULK, last: vmName(BULK - 1) });
  const rows = await page.evaluate(() => document.querySelectorAll('[data-vm]').length);
  if (rows !== BULK) throw new Error(`${rows} rows for ${BULK} VMs`);

  await page.evaluate(() => {
    window.__rowClicks = [];
    document.addEventListener('click', (event) => {
      const arrived = event.timeStamp;
      const row = event.target.closest?.('[data-vm]');
      if (!row) return;
      const before = row.dataset.state;
      const check = () => requestAnimationFrame(() => setTimeout(() => {
        if (row.isConnected && row.dataset.state === before) check();
        else window.__rowClicks.push([performance.now() - arrived, before, row.dataset.state]);
      }, 0));
      check();
    }, { capture: true });
  });
  const clicks = { Stop: [], Start: [] };
  for (let i = 0; i < CLICKED_ROWS; i += 1) {
    const name = vmName(BULK / 2 + i * 7);
    for (const [action, after] of [['Stop', 'stopped'], ['Start', 'running']]) {
      const selector = `[data-vm="${name}"] button[aria-label="${action} ${name}"]`;
      const box = await steadyPoint(page, selector);
      // A random pause: the click lands anywhere in a frame.
      await page.waitForTimeout(Math.random() * 17);
      const before = await page.evaluate(() => window.__rowClicks.length);
      await page.mouse.click(...box);
      await page.waitForFunction((n) => window.__rowClicks.length > n, before, { polling: 'raf', timeout: 30_000 });
      const [ms, , state] = await page.evaluate(() => window.__rowClicks.at(-1));
      if (state !== after) throw new Error(`${action} on ${name} left it ${state}`);
      clicks[action].push(ms);
    }
  }
  return { looped, painted, clicks };
}

/** The measuring floor: the same wait for a painted frame after a click that changes nothing. */
async function floor(page, times) {
  return page.evaluate(async (times) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const results = [];
    for (let i = 0; i < times; i += 1) {
      const started = performance.now();
      document.body.click();
      await frame();
      results.push(performance.now() - started);
    }
    return results;
  }, times);
}

async function toggles(page, times) {
  return page.evaluate(async (times) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const row = document.querySelector('[data-vm="vm-05001"]');
    const results = [];
    for (let i = 0; i < times; i += 1) {
      const running = row.dataset.state === 'running';
      const button = row.querySelector(running ? 'button[aria-label^="Stop "]' : 'button[aria-label^="Start "]');
      const before = row.dataset.state;
      // Work: the click, the reactive updates (microtasks), then a forced style and layout.
      let started = performance.now();
      button.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
      void document.body.offsetHeight;
      const work = performance.now() - started;
      if (row.dataset.state === before) throw new Error('the row did not change state');
      await frame();
      // Click to painted frame, as a person sees it (includes waiting for the frame).
      const back = row.querySelector(running ? 'button[aria-label^="Start "]' : 'button[aria-label^="Stop "]');
      started = performance.now();
      back.click();
      await frame();
      if (row.dataset.state !== before) throw new Error('the row did not change back');
      results.push([work, performance.now() - started]);
    }
    return results;
  }, times);
}

/**
 * Clicks as a person does: real mouse clicks (trusted input events, through Chromium's input
 * pipeline) at random moments of the frame, `times` times on the element the selector `target` names. Each
 * is timed inside the page from the click event's timestamp (when the input arrived) until
 * the next frame has been rendered (the first task after that frame's animation callbacks).
 */
async function personClicks(page, times, target) {
  await page.evaluate(() => {
    window.__clickTimes = [];
    if (window.__timingClicks) return;
    window.__timingClicks = true;
    document.addEventListener('click', (event) => {
      const arrived = event.timeStamp;
      requestAnimationFrame(() => setTimeout(() => {
        const state = document.querySelector('[data-vm="vm-05001"]')?.dataset.state;
        window.__clickTimes.push([performance.now() - arrived, state]);
      }, 0));
    }, { capture: true });
  });
  for (let i = 0; i < times; i += 1) {
    const point = await steadyPoint(page, target);
    // A random pause, so that the click lands anywhere in the 16.7 ms frame (the wait above
    // ends in step with a frame).
    await page.waitForTimeout(Math.random() * 17);
    await page.mouse.click(...point);
    await page.waitForFunction((n) => window.__clickTimes.length > n, i, { polling: 'raf' });
  }
  return page.evaluate(() => window.__clickTimes);
}

/**
 * Typing in the name filter with 10,000 VMs: real key presses, each timed in the page from the
 * key event's timestamp to the end of the next rendered frame. "vm-0" keeps every row,
 * "vm-09" narrows the list to 1,000 rows, and Backspace widens it back to 10,000 (the rows
 * past the first chunk then come one chunk per task, after the frame timed).
 */
async function filterTyping(page, rounds) {
  const timings = { keeps: [], narrows: [], widens: [] };
  await page.evaluate(() => {
    window.__keyTimes = [];
    document.addEventListener('keydown', (event) => {
      const arrived = event.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__keyTimes.push(performance.now() - arrived), 0));
    }, { capture: true });
  });
  const field = page.getByLabel('Filter by name', { exact: true });
  const press = async (key) => {
    const before = await page.evaluate(() => window.__keyTimes.length);
    await page.keyboard.press(key);
    await page.waitForFunction((n) => window.__keyTimes.length > n, before, { polling: 'raf' });
    return page.evaluate(() => window.__keyTimes.at(-1));
  };
  const rows = () => page.evaluate(() => document.querySelectorAll('[data-vm]').length);
  await field.focus();
  for (let round = 0; round < rounds; round += 1) {
    for (const key of ['v', 'm', '-', '0']) timings.keeps.push(await press(key));
    timings.narrows.push(await press('9'));
    if ((await rows()) !== 1000) throw new Error('"vm-09" did not leave 1,000 rows');
    timings.widens.push(await press('Backspace'));
    await page.waitForFunction(() => document.querySelectorAll('[data-vm]').length === 10000, null, { timeout: 60_000 });
    await field.fill('');
    await page.waitForFunction(() => document.querySelectorAll('[data-vm]').length === 10000, null, { timeout: 60_000 });
  }
  return timings;
}

/**
 * Before the app loads: keeps the simulated clock's once-a-second interval from running and
 * hands its callback to the benchmark as `window.__tick`, so that each tick is one the
 * benchmark starts, on a quiet page. (The clock's interval is the page's only one of 1 s.)
 */
function captureTheClock() {
  const original = window.setInterval;
  window.setInterval = function (callback, delay, ...rest) {
    if (delay === 1000 && !window.__tick) {
      window.__tick = callback;
      return 0;
    }
    return original.call(this, callback, delay, ...rest);
  };
}

/**
 * `times` clock ticks, each after a rendered frame: the tick's callback, the reactive updates
 * it causes (microtasks), then a forced style and layout, as the toggle's work is measured.
 */
async function ticks(page, times) {
  return page.evaluate(async (times) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const reading = () => document.querySelector('.sim-clock span').textContent;
    const results = [];
    for (let i = 0; i < times; i += 1) {
      await frame();
      const before = reading();
      const started = performance.now();
      window.__tick();
      await new Promise((resolve) => setTimeout(resolve, 0));
      void document.body.offsetHeight;
      results.push(performance.now() - started);
      if (reading() === before) throw new Error('the tick did not move the clock');
    }
    return results;
  }, times);
}

/** A tick's work with `count` VMs: graphs off screen, then on screen (medians, p90s). */
async function tickWork(browser, url, count) {
  return withVms(browser, url, count, async (page) => {
    await page.addInitScript(captureTheClock);
    await startup(page, url, count);
    // The clock is the Host panel's, a chunk fetched when the browser is idle after the first
    // render: wait for it.
    await page
      .waitForFunction(() => typeof window.__tick === 'function', null, { timeout: 30_000 })
      .catch(() => {
        throw new Error('the clock was not captured');
      });
    // The busiest picture: a running VM's sparklines in the details, the clock at ×60.
    await page.getByRole('button', { name: 'Show details of vm-00000', exact: true }).click();
    await page.locator('.guest .sparkline').first().waitFor();
    await page.locator('#clock-speed').selectOption('60');
    const offScreen = await ticks(page, 40);
    await page.locator('.host-graphs').scrollIntoViewIfNeeded();
    await page.locator('.host-graphs [data-graph-vm]').first().waitFor();
    const onScreen = await ticks(page, 40);
    return { offScreen, onScreen };
  });
}

/** The Stop or Start button of the benchmark's VM, whichever is enabled. */
const toggleButton =
  '[data-vm="vm-05001"] button[aria-label="Stop vm-05001"]:not([disabled]), [data-vm="vm-05001"] button[aria-label="Start vm-05001"]:not([disabled])';

/**
 * Runs `body` in a Chromium of its own: a browser that has just closed ten pages holding
 * 10,000 VMs each is still cleaning up, which showed in the next measurement (a toggle's
 * median went from ~13 to ~16 ms on this 2-core machine).
 */
async function inFreshBrowser(body) {
  const browser = await launchChromium();
  try {
    return await body(browser);
  } finally {
    await browser.close();
  }
}

/** The machine's load now, for the figures: other engineers' builds share it. */
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const { server, url } = await serveStatic();
const other = vanilla ? await serveStatic(VANILLA) : undefined;
const apps = [['app', url], ...(other ? [['vanilla', other.url]] : [])];
try {
  console.log(`${runs} runs of each, the apps taking turns, each run in a fresh Chromium; load average at the start ${load()} (${cpus().length} cores, shared)`);
  /** Figures by scenario, then by app: arrays of one value per run (or per click). */
  const figures = new Map();
  const note = (scenario, app, value) => {
    if (!figures.has(scenario)) figures.set(scenario, { app: [], vanilla: [] });
    figures.get(scenario)[app].push(...[value].flat());
  };
  for (const count of onlyTick ? [] : counts) {
    for (let run = 0; run < runs; run += 1) {
      for (const [app, appUrl] of apps) {
        const [firstRows, allRows] = await inFreshBrowser((browser) => withVms(browser, appUrl, count, (page) => startup(page, appUrl, count), app));
        note(`start-up, ${count} VMs: navigation → every row in the DOM`, app, allRows);
        note(`start-up, ${count} VMs: navigation → first rows shown`, app, firstRows);
      }
    }
  }
  if (bulk) {
    for (let run = 0; run < runs; run += 1) {
      for (const [app, appUrl] of apps) {
        const result = await inFreshBrowser((browser) => withVms(browser, appUrl, 0, (page) => bulkThenClicks(page, appUrl), app));
        note(`${BULK} × createVm in one loop → every row in the DOM and painted`, app, result.painted);
        note(`${BULK} × createVm: the loop alone`, app, result.looped);
        note(`after it: Stop click → data-state changed, frame painted`, app, result.clicks.Stop);
        note(`after it: Start click → data-state changed, frame painted`, app, result.clicks.Start);
      }
    }
  }
  console.log(`load average at the end ${load()}`);
  const rows = [['scenario', 'vanilla JS', 'VM Playground', 'ratio'], ['---', '---:', '---:', '---:']];
  for (const [scenario, { app, vanilla }] of figures) {
    const ours = median(app);
    const theirs = vanilla.length ? median(vanilla) : undefined;
    rows.push([
      scenario,
      theirs === undefined ? '–' : fmt(theirs),
      fmt(ours),
      theirs === undefined ? '–' : `${(ours / theirs).toFixed(2)}×`,
    ]);
  }
  console.log(`medians (start-up and bulk: of ${runs} runs; clicks: of ${runs * CLICKED_ROWS} clicks on ${CLICKED_ROWS} rows in the middle):`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  if (toggle) {
    let typing;
    const [toggled, empty, person, personEmpty] = await inFreshBrowser((browser) => withVms(browser, url, 10000, async (page) => {
      await startup(page, url, 10000);
      const clicked = await personClicks(page, 40, toggleButton);
      // Every click toggled the VM, and the frame timed shows it.
      clicked.forEach(([, state], i) => {
        if (i > 0 && state === clicked[i - 1][1]) throw new Error(`click ${i + 1} did not toggle the VM`);
      });
      const clickedEmpty = await personClicks(page, 40, '#vms-title');
      if (new Set(clickedEmpty.map(([, state]) => state)).size !== 1) throw new Error('a click on the heading changed the VM');
      const ms = (pairs) => pairs.map(([duration]) => duration);
      const result = [await toggles(page, 20), await floor(page, 30), ms(clicked), ms(clickedEmpty)];
      typing = await filterTyping(page, 5);
      return result;
    }));
    const work = toggled.map(([busy]) => busy);
    const painted = toggled.map(([, total]) => total);
    const p90 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)];
    console.log(`toggle one VM among 10000, saving included (40 toggles):`);
    console.log(`  main-thread work (click, updates, style and layout): ${fmt(median(work))} median, p90 ${fmt(p90(work))} (target < 16 ms)`);
    console.log(`  a person's click (real mouse input at a random moment) to the next rendered frame: ${fmt(median(person))} median, p90 ${fmt(p90(person))} (target < 16 ms); a click on the heading, which changes nothing: ${fmt(median(personEmpty))} median`);
    console.log(`  click right after a frame to the next rendered frame (a whole frame's wait built in): ${fmt(median(painted))} median, p90 ${fmt(p90(painted))}; the same after a click that changes nothing: ${fmt(median(empty))} median`);
    console.log(`typing in the name filter among 10000 VMs (key to next rendered frame, medians of ${typing.narrows.length} rounds): a key that keeps every row ${fmt(median(typing.keeps))}, 10,000 → 1,000 rows ${fmt(median(typing.narrows))}, 1,000 → 10,000 rows ${fmt(median(typing.widens))} (the rows past the first 1,000 then come 400 per task)`);
  }
  if (tick) {
    const p90 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)];
    for (const count of counts) {
      const { offScreen, onScreen } = await inFreshBrowser((browser) => tickWork(browser, url, count));
      console.log(`a clock tick at ×60 with ${count} VMs (${Math.ceil(count / 3)} running, a running VM's sparklines in the details; 40 ticks each), main-thread work: host graphs off screen ${fmt(median(offScreen))} median, p90 ${fmt(p90(offScreen))}; on screen ${fmt(median(onScreen))} median, p90 ${fmt(p90(onScreen))} (target < 4 ms)`);
    }
  }
} finally {
  server.close();
  other?.server.close();
}
