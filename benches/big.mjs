// Benchmark of the big operations a class runs into: the release dist/ in headless Chromium,
// served under /vm-playground/. Prints figures; asserts nothing.
//   node benches/big.mjs [--counts 1000,10000]
// For each count N:
// - a share link of N VMs (made by the app's own Share dialog) opened in a fresh browser on the
//   demo, then "Replace my VMs" or "Merge": the longest task from the click, and the time
//   from the click until the dialog is gone and the link's last VM has its row;
// - two tabs of one browser: the second creates N VMs in one script loop, then resets to the
//   demo; the first, which only watches, until it lists them, and the longest pause of a 20 ms
//   timer there (a page that runs no timer paints nothing and answers no click).
import { serveStatic, launchChromium } from '../tests/e2e/harness.mjs';

const option = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const counts = (option('--counts') ?? '1000,10000').split(',').map(Number);
const vmName = (i) => `lab-${String(i).padStart(5, '0')}`;

const { server, url } = await serveStatic();
const browser = await launchChromium();

/** A fresh context's page with the app open and its rows shown. */
async function open(context, address = url) {
  const page = await context.newPage();
  await page.goto(address);
  await page.locator('[data-vm]').first().waitFor();
  return page;
}

/** N stopped VMs on an unlimited host, created through the JS API of `page`. */
const defineMany = (page, count) =>
  page.evaluate((count) => {
    const started = performance.now();
    vmPlayground.setHost({ memory: null, cpus: null, storage: null });
    for (let i = 0; i < count; i++) vmPlayground.defineVm({ name: `lab-${String(i).padStart(5, '0')}` });
    return performance.now() - started;
  }, count);

/** The share link of N VMs, read from the Share dialog. */
async function shareLink(count) {
  const context = await browser.newContext();
  const page = await open(context);
  await defineMany(page, count);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  await context.close();
  return link;
}

async function openShared(link, count, choice) {
  const context = await browser.newContext();
  const page = await open(context);
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.evaluate((hash) => {
    location.hash = hash;
  }, new URL(link).hash);
  const dialog = page.getByRole('dialog', { name: 'Open shared setup?' });
  await dialog.waitFor({ timeout: 120000 });
  await page.evaluate(() => {
    window.__longest = 0;
  });
  const started = Date.now();
  await dialog.getByRole('button', { name: choice, exact: true }).click();
  await page.waitForFunction(
    (last) => !document.querySelector('[role=dialog]') && document.querySelector(`[data-vm="${last}"]`),
    vmName(count - 1),
    { timeout: 300000, polling: 50 },
  );
  const elapsed = Date.now() - started;
  // Tasks still running after the last row (the rest of the list) count too.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1000)));
  const longest = await page.evaluate(() => window.__longest);
  await context.close();
  return { elapsed, longest };
}

/** Waits until `page` lists `want` VMs; returns the time taken and its longest timer pause. */
async function followed(page, want, started) {
  await page.waitForFunction((want) => vmPlayground.listVms().length === want, want, { timeout: 900000, polling: 100 });
  const elapsed = Date.now() - started;
  const gap = await page.evaluate(() => {
    const gap = window.__gap;
    window.__gap = 0;
    return gap;
  });
  return { elapsed, gap };
}

async function twoTabs(count) {
  const context = await browser.newContext();
  const watching = await open(context);
  const working = await open(context);
  await watching.evaluate(() => {
    window.__gap = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      window.__gap = Math.max(window.__gap, now - last);
      last = now;
    }, 20);
  });
  let started = Date.now();
  const loop = await defineMany(working, count);
  const created = await followed(watching, count + 3, started);
  await watching.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  await watching.evaluate(() => {
    window.__gap = 0;
  });
  started = Date.now();
  await working.getByRole('button', { name: 'Reset to demo', exact: true }).click();
  await working.getByRole('dialog', { name: 'Reset to the demo?' }).getByRole('button', { name: 'Reset', exact: true }).click();
  const reset = await followed(watching, 3, started);
  await context.close();
  return { loop, created, reset };
}

const ms = (value) => `${Math.round(value)} ms`;
try {
  for (const count of counts) {
    const link = await shareLink(count);
    console.log(`share link of ${count} VMs: ${Math.round(link.length / 1024)} KB`);
    for (const choice of ['Replace my VMs', 'Merge']) {
      const { elapsed, longest } = await openShared(link, count, choice);
      console.log(`  ${choice}: longest task ${ms(longest)}, click → dialog gone and every row ${ms(elapsed)}`);
    }
    const { loop, created, reset } = await twoTabs(count);
    console.log(`two tabs, ${count} VMs created in one (its loop ${ms(loop)}):`);
    console.log(`  the other lists them after ${ms(created.elapsed)}, longest pause ${ms(created.gap)}`);
    console.log(`  Reset to demo: the other follows after ${ms(reset.elapsed)}, longest pause ${ms(reset.gap)}`);
  }
} finally {
  await browser.close();
  server.close();
}
