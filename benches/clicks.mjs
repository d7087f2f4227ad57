// Where a click's time goes, right after a bulk create of 10,000 VMs: the release dist/ and the
// hand-written vanilla app (../shared/reference-vanilla) side by side, in headless Chromium.
// Prints figures; asserts nothing.
//   node benches/clicks.mjs [--runs N] [--no-vanilla]
// For each app, each run in a fresh Chromium (the apps taking turns): 10,000 ×
// `vmPlayground.createVm`, then Stop and Start clicked as a person does on 8 rows in the middle
// (16 clicks), while a Chromium trace records the renderer's main thread. For each click, from
// its `click` dispatch to the end of the next frame's commit: the main thread's busy time, and
// that time by trace event (self time, the event's own minus what nests in it). Busy time
// does not wait on vsync, so it says more than `benches/ui.mjs`'s click latency, which is
// bimodal (a frame made or missed) and needs many runs. Medians over the runs.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic, launchChromium } from '../tests/e2e/harness.mjs';
import { steadyPoint } from './steady-point.mjs';

const option = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const runs = Number(option('--runs')) || 3;
const VANILLA = resolve(join(import.meta.dirname, '..', '..', 'shared', 'reference-vanilla'));
const withVanilla = !process.argv.includes('--no-vanilla') && existsSync(join(VANILLA, 'index.html'));
const BULK = 10000;
const PAIRS = 8;
/** Trace events shown one by one; the rest are summed under "other". */
const SHOWN = ['FunctionCall', 'Document::recalcStyle', 'LocalFrameView::performLayout', 'Paint', 'Commit', 'HitTest', 'PaintArtifactCompositor::Update', 'WebFrameWidgetImpl::UpdateLifecycle'];

const vmName = (i) => `vm-${String(i).padStart(5, '0')}`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One run: busy ms per click, and ms per click by event name. */
async function run(dir, vanilla) {
  const { server, url } = await serveStatic(dir);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(new URL('bench-seed', url).href);
    await page.evaluate((vanilla) => {
      localStorage.clear();
      if (vanilla) {
        localStorage.setItem('vm-playground:meta', JSON.stringify({ version: 1 }));
      } else {
        // An unlimited host: 10,000 running VMs are beyond the default laptop.
        localStorage.setItem('vm-playground:meta', JSON.stringify({ version: 2 }));
        localStorage.setItem('vm-playground:host', JSON.stringify({ memory: null, cpus: null, storage: null, overcommit: false }));
      }
    }, vanilla);
    await page.goto(url);
    await page.waitForFunction(() => window.vmPlayground !== undefined && document.readyState === 'complete');
    await page.evaluate(async ({ count, last }) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      await frame();
      for (let i = 0; i < count; i += 1) {
        const name = `vm-${String(i).padStart(5, '0')}`;
        window.vmPlayground.createVm({ name, memory: 1024 * (1 + (i % 4)), vcpus: 1 + (i % 8), diskPath: `/var/lib/libvirt/images/${name}.qcow2`, diskSize: 20, isoImage: null, network: 'default' });
      }
      while (!document.querySelector(`[data-vm="${last}"]`)) await new Promise((resolve) => requestAnimationFrame(resolve));
      await frame();
    }, { count: BULK, last: vmName(BULK - 1) });

    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    for (let i = 0; i < PAIRS; i += 1) {
      const name = vmName(BULK / 2 + i);
      for (const action of ['Stop', 'Start']) {
        const selector = `[data-vm="${name}"] button[aria-label="${action} ${name}"]`;
        await page.mouse.click(...(await steadyPoint(page, selector)));
        const after = action === 'Stop' ? 'stopped' : 'running';
        await page.waitForFunction(([name, after]) => document.querySelector(`[data-vm="${name}"]`)?.dataset.state === after, [name, after]);
        // The frame that shows it, and what follows it, are over before the next click.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
      }
    }
    await cdp.send('Tracing.end');
    await complete;

    // The renderer's main thread: the one that dispatched the clicks.
    const clicks = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
    const { pid, tid } = clicks[0];
    const main = events
      .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const busy = [];
    const byName = new Map();
    for (const click of clicks) {
      const commit = main.find((e) => e.name === 'Commit' && e.ts > click.ts);
      if (!commit) continue;
      const end = commit.ts + commit.dur;
      const stack = [];
      let total = 0;
      const own = new Map();
      for (const e of main.filter((e) => e.ts >= click.ts && e.ts <= end)) {
        while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
        const parent = stack.at(-1);
        const clipped = Math.min(e.dur, end - e.ts);
        if (parent) own.set(parent.name, (own.get(parent.name) ?? 0) - Math.min(clipped, parent.ts + parent.dur - e.ts));
        else total += clipped;
        own.set(e.name, (own.get(e.name) ?? 0) + clipped);
        stack.push(e);
      }
      busy.push(total / 1000);
      for (const [name, us] of own) byName.set(name, (byName.get(name) ?? 0) + us / 1000);
    }
    for (const [name, ms] of byName) byName.set(name, ms / busy.length);
    return { busy: median(busy), byName };
  } finally {
    await browser.close();
    server.close();
  }
}

const apps = [['VM Playground', join(import.meta.dirname, '..', 'dist'), false]];
if (withVanilla) apps.push(['vanilla', VANILLA, true]);
const results = apps.map(() => []);
for (let r = 0; r < runs; r += 1) {
  for (const [k, [, dir, vanilla]] of apps.entries()) results[k].push(await run(dir, vanilla));
}
console.log(`Click right after a bulk create of ${BULK.toLocaleString('en')} VMs: main-thread busy time per click, click dispatch → next frame committed (medians of ${runs} runs × ${PAIRS * 2} clicks)`);
const summary = apps.map(([label], k) => {
  const runsOf = results[k];
  const busy = median(runsOf.map((one) => one.busy));
  const parts = SHOWN.map((name) => [name, median(runsOf.map((one) => one.byName.get(name) ?? 0))]);
  const shown = parts.reduce((sum, [, ms]) => sum + ms, 0);
  return { label, busy, parts, other: Math.max(0, busy - shown) };
});
for (const { label, busy, parts, other } of summary) {
  console.log(`  ${label}: ${busy.toFixed(1)} ms busy`);
  for (const [name, ms] of parts) console.log(`    ${ms.toFixed(2).padStart(6)} ms  ${name}`);
  console.log(`    ${other.toFixed(2).padStart(6)} ms  other`);
}
if (summary.length === 2) console.log(`  ratio: ${(summary[0].busy / summary[1].busy).toFixed(2)}×`);
