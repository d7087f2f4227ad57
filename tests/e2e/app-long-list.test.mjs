// A list longer than one chunk (rows render 100 at once, then 100 per task): every VM shows, in
// name order, and one far down the list can be found, driven and filtered like the first.
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import { action, expectState, listed, openList, record, row, seed, shownCount, summary, waitFor } from './app-helpers.mjs';

const e2e = e2eSuite();

const COUNT = 250;
const STATES = ['running', 'stopped', 'paused'];
const name = (i) => `lab-${String(i).padStart(3, '0')}`;
const expected = Array.from({ length: COUNT }, (_, i) => [name(i), STATES[i % 3]]);

async function openLongList(page, context, url) {
  // An unlimited host (storage format 2): 10,000 VMs are far beyond the default laptop, where
  // a start would be refused for memory (issue 14); these tests are about the long list.
  const entries = {
    'vm-playground:meta': '{"version":2}',
    'vm-playground:host': '{"memory":null,"cpus":null,"storage":null,"overcommit":false}',
  };
  // Stored in reverse, so that the order on screen is the app's, not the storage's.
  for (const [vm, state] of [...expected].reverse()) entries[`vm-playground:vm:${vm}`] = record(vm, state);
  await seed(context, entries);
  await openList(page, url);
  await waitFor(async () => (await listed(page)).length === COUNT, `${COUNT} rows`, { timeout: 15_000 });
}

e2e('every VM of a long list shows, in name order, and the summary counts them all', async ({ page, context, url }) => {
  await openLongList(page, context, url);
  assert.deepEqual(await listed(page), expected);
  assert.match(await summary(page).textContent(), /^250 VMs: 84 running, 83 paused, 83 stopped\./);
});

e2e('a VM in the last chunk is driven like the first, and its state survives a reload', async ({ page, context, url }) => {
  await openLongList(page, context, url);
  const far = name(241); // in the third chunk, stopped (241 % 3 == 1)
  await expectState(page, far, 'stopped');
  await action(page, 'Start', far).click();
  await expectState(page, far, 'running');
  assert.match(await summary(page).textContent(), /^250 VMs: 85 running, 83 paused, 82 stopped\./);
  await page.reload();
  await row(page, far).waitFor();
  await expectState(page, far, 'running');
});

e2e('the text filter reaches rows beyond the first chunk', async ({ page, context, url }) => {
  await openLongList(page, context, url);
  await page.getByLabel('Filter by name', { exact: true }).fill('lab-24');
  await waitFor(async () => (await listed(page)).length === 10, 'ten rows lab-240…lab-249');
  assert.deepEqual(await listed(page), expected.slice(240, 250));
  assert.equal((await shownCount(page).textContent()).trim(), 'Showing 10 of 250');
});

e2e('a filter narrowed to one chunk and widened again shows every row again, in order', async ({ page, context, url }) => {
  await openLongList(page, context, url);
  const filter = page.getByLabel('Filter by name', { exact: true });
  await filter.fill('lab-1');
  await waitFor(async () => (await listed(page)).length === 100, 'the hundred rows lab-100…lab-199');
  assert.deepEqual(await listed(page), expected.slice(100, 200));
  await filter.fill('lab-12');
  await waitFor(async () => (await listed(page)).length === 10, 'ten rows lab-120…lab-129');
  // Widened: the list grows back chunk by chunk, to all of it.
  await filter.fill('');
  await waitFor(async () => (await listed(page)).length === COUNT, `${COUNT} rows again`);
  assert.deepEqual(await listed(page), expected);
});

e2e('VMs created and deleted in the middle move rows across chunks, and the list stays in order', async ({ page, context, url }) => {
  await openLongList(page, context, url);
  // Each change shifts every row after it into the next or the previous chunk.
  await page.evaluate(() => {
    const vm = window.vmPlayground;
    vm.defineVm({ name: 'lab-050a', memory: 512 });
    vm.deleteVm('lab-120');
    vm.defineVm({ name: 'lab-000a', memory: 512 });
  });
  const now = expected
    .filter(([vm]) => vm !== 'lab-120')
    .concat([['lab-050a', 'stopped'], ['lab-000a', 'stopped']])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  await waitFor(async () => JSON.stringify(await listed(page)) === JSON.stringify(now), 'the list in name order');
  // A row that moved to another chunk still follows its VM.
  await action(page, 'Start', 'lab-199').click();
  await expectState(page, 'lab-199', 'running');
  await action(page, 'Start', 'lab-050a').click();
  await expectState(page, 'lab-050a', 'running');
});

e2e('a VM deleted and made again under the same name in one go gets a row that follows it', async ({ page, context, url }) => {
  await openLongList(page, context, url);
  // lab-130 is running; the new one is defined stopped, then started and paused by the script.
  await page.evaluate(() => {
    const vm = window.vmPlayground;
    vm.deleteVm('lab-130');
    vm.defineVm({ name: 'lab-130', memory: 512 });
  });
  await expectState(page, 'lab-130', 'stopped');
  await page.evaluate(() => window.vmPlayground.startVm('lab-130'));
  await expectState(page, 'lab-130', 'running');
  await page.evaluate(() => window.vmPlayground.pauseVm('lab-130'));
  await expectState(page, 'lab-130', 'paused');
});
