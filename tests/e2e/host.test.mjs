// The host (issue 14): a student fills it, is refused with a readable reason, frees memory and
// succeeds; the gauges follow the GUI, the console and the API; a reload keeps the host.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { e2eSuite } from './harness.mjs';
import { action, eventually, expectState, expectText, fillQuota, openList, row, rowError } from './app-helpers.mjs';

const e2e = e2eSuite();

const hostRegion = (page, name = 'Host') => page.getByRole('region', { name, exact: true });
const commandField = (page) => page.getByRole('textbox', { name: 'Command', exact: true });
const output = (page) => page.getByRole('log', { name: 'Console output' });

async function type(page, line) {
  await commandField(page).fill(line);
  await commandField(page).press('Enter');
}

const gauges = (page) =>
  hostRegion(page).evaluate((element) => {
    const { memoryUsed, memoryTotal, vcpusUsed, cpus, storageUsed, storageTotal } = element.dataset;
    return { memoryUsed, memoryTotal, vcpusUsed, cpus, storageUsed, storageTotal };
  });

async function expectGauges(page, expected) {
  await eventually(async () => {
    const shown = await gauges(page);
    for (const [key, value] of Object.entries(expected)) assert.equal(shown[key], String(value), key);
  });
}

/** The code and resource of what `vmPlayground.<method>(...args)` throws. */
const thrown = (page, method, ...args) =>
  page.evaluate(
    ([method, args]) => {
      try {
        window.vmPlayground[method](...args);
        return null;
      } catch (error) {
        return { code: error.code, resource: error.resource, message: error.message };
      }
    },
    [method, args],
  );

e2e('a student fills the host, is refused with a reason, frees memory and succeeds', async ({ page, url }) => {
  await openList(page, url);
  // The default host is a laptop; the demo holds 6 GB (web-01 running, db-01 paused).
  await expectGauges(page, {
    memoryUsed: 6144, memoryTotal: 16384, vcpusUsed: 6, cpus: 8, storageUsed: 160, storageTotal: 500,
  });
  // The API takes 8 GB more, the console defines one more 4 GB VM.
  await page.evaluate(() => window.vmPlayground.createVm({ name: 'big-1', memory: 8192, vcpus: 4 }));
  await expectGauges(page, { memoryUsed: 14336, vcpusUsed: 10, storageUsed: 170 });
  await type(page, 'create big-2 --memory 4096 --stopped');
  await row(page, 'big-2').waitFor();
  await expectGauges(page, { memoryUsed: 14336, storageUsed: 180 });

  // The GUI's start is refused, with the reason next to the VM.
  await action(page, 'Start', 'big-2').click();
  await expectText(rowError(page, 'big-2'), "'big-2' needs 4096 MB of memory; the host has 2048 MB free of 16384 MB");
  await expectState(page, 'big-2', 'stopped');
  // The console prints it as virsh prints a failed start.
  await type(page, 'start big-2');
  await expectText(output(page), "error: Failed to start domain 'big-2'");
  await expectText(output(page), 'Cannot allocate memory');
  // The API throws a typed error.
  assert.deepEqual(
    { ...(await thrown(page, 'startVm', 'big-2')), message: undefined },
    { code: 'InsufficientResources', resource: 'memory', message: undefined },
  );
  // The vCPUs are overcommitted (10 on 8 CPUs), and the gauge says so in words.
  await expectText(hostRegion(page), 'overcommitted');

  // Freeing memory lets it start.
  await action(page, 'Stop', 'web-01').click();
  await expectGauges(page, { memoryUsed: 12288 });
  await action(page, 'Start', 'big-2').click();
  await expectState(page, 'big-2', 'running');
  await expectGauges(page, { memoryUsed: 16384 });
  assert.equal(await rowError(page, 'big-2').count(), 0);

  // Shrinking below what runs is refused with the numbers.
  const shrink = await thrown(page, 'setHost', { memory: 8192 });
  assert.equal(shrink.code, 'InsufficientResources');
  assert.equal(shrink.resource, 'memory');
  assert.match(shrink.message, /16384 MB/);

  // The refused start and the host change are in the event log.
  const events = await page
    .getByRole('region', { name: 'Event log' })
    .locator('[data-event-op]')
    .evaluateAll((items) => items.map((item) => [item.dataset.eventOp, item.dataset.eventVm, item.dataset.eventOk]));
  assert.ok(events.some(([op, vm]) => op === 'start' && vm === 'big-2'), JSON.stringify(events));
});

e2e('the host follows the panel and the API, and a reload keeps it', async ({ page, url }) => {
  await openList(page, url);
  const info = () => page.evaluate(() => window.vmPlayground.getHostInfo());
  assert.deepEqual(await info(), {
    memory: { total: 16384, used: 6144 },
    cpus: { total: 8, used: 6 },
    storage: { total: 500, used: 160 },
    overcommit: false,
  });
  await page.evaluate(() => window.vmPlayground.setHost({ memory: 32768, storage: null }));
  await expectGauges(page, { memoryTotal: 32768, storageTotal: 'unlimited', cpus: 8 });
  await hostRegion(page).getByLabel('Preset').selectOption('server');
  await expectGauges(page, { memoryTotal: 262144, cpus: 64, storageTotal: 8192 });
  // The size fields.
  await hostRegion(page).getByLabel('Physical CPUs', { exact: true }).fill('2');
  await hostRegion(page).getByRole('button', { name: 'Apply' }).click();
  await expectGauges(page, { cpus: 2 });
  const stats = await page.evaluate(() => window.vmPlayground.getVmStats('web-01'));
  assert.ok(stats.cpuPercent >= 0 && stats.cpuPercent <= 100, JSON.stringify(stats));
  assert.ok(stats.memoryUsedMb > 0 && stats.memoryUsedMb <= 2048, JSON.stringify(stats));
  const events = await page
    .getByRole('region', { name: 'Event log' })
    .locator('[data-event-op="host"]')
    .count();
  assert.equal(events, 3);

  await page.reload();
  await openList(page, url);
  await expectGauges(page, { memoryTotal: 262144, cpus: 2, storageTotal: 8192 });
  assert.equal(await page.evaluate(() => localStorage.getItem('vm-playground:meta')), '{"version":3}');
});

e2e('a host size being typed is kept while VMs change, and follows a host change', async ({ page, url }) => {
  await openList(page, url);
  const memoryField = hostRegion(page).getByLabel('Memory, MB', { exact: true });
  await memoryField.fill('20000');
  // A VM started and stopped elsewhere changes what the host's VMs use, not its sizes: the
  // field keeps what is being typed (it was written over on every start and stop).
  await page.evaluate(() => window.vmPlayground.stopVm('web-01'));
  await expectState(page, 'web-01', 'stopped');
  await type(page, 'start web-01');
  await expectState(page, 'web-01', 'running');
  await expectGauges(page, { memoryUsed: 6144 });
  assert.equal(await memoryField.inputValue(), '20000');
  // A change of the host itself does show in the fields: in the field of the size that
  // changed, and no other (a number being typed for the CPUs stays).
  const cpusField = hostRegion(page).getByLabel('Physical CPUs', { exact: true });
  await cpusField.fill('12');
  await page.evaluate(() => window.vmPlayground.setHost({ memory: 32768 }));
  await eventually(async () => assert.equal(await memoryField.inputValue(), '32768'));
  assert.equal(await cpusField.inputValue(), '12');
  await page.evaluate(() => window.vmPlayground.setHost({ cpus: 16 }));
  await eventually(async () => assert.equal(await cpusField.inputValue(), '16'));
});

e2e('the simulated clock plays at ×1 on open and pauses', async ({ page, url }) => {
  await openList(page, url);
  const clock = hostRegion(page).getByRole('group', { name: 'Simulated time' });
  await clock.getByText(/Simulated time: 0:00:0[1-9]/).waitFor();
  await clock.getByRole('button', { name: 'Pause' }).click();
  const paused = await clock.locator('span').textContent();
  await clock.getByRole('button', { name: 'Play' }).waitFor();
  // Paused: a stats read now and after the next would-be tick agree.
  const read = () => page.evaluate(() => JSON.stringify(window.vmPlayground.getVmStats('web-01')));
  const before = await read();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1100)));
  assert.equal(await clock.locator('span').textContent(), paused);
  assert.equal(await read(), before);
});

e2e('in Russian the region is "Хост"', async ({ page, url }) => {
  await openList(page, `${url}?lang=ru`);
  await hostRegion(page, 'Хост').getByText('Память: 6 ГБ из 16 ГБ').waitFor();
});

e2e('a host resized in one tab is the host of the other tab too', async ({ page, context, url }) => {
  await openList(page, url);
  const other = await context.newPage();
  await openList(other, url);
  await page.evaluate(() => window.vmPlayground.setHost({ memory: 32768, cpus: 16 }));
  await expectGauges(page, { memoryTotal: 32768, cpus: 16 });
  await expectGauges(other, { memoryTotal: 32768, cpus: 16 });
  const total = await other.evaluate(() => window.vmPlayground.getHostInfo().memory.total);
  assert.equal(total, 32768);
});

e2e('an export carries the host: Replace takes it, Merge keeps the page\'s, an old file keeps it too', async ({ page, url }) => {
  await openList(page, url);
  await page.evaluate(() => window.vmPlayground.setHost({ memory: 32768, cpus: 12, storage: 900, overcommit: true }));
  await expectGauges(page, { memoryTotal: 32768, cpus: 12, storageTotal: 900 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  assert.deepEqual(JSON.parse(text).host, { memory: 32768, cpus: 12, storage: 900, overcommit: true });

  const input = page.locator('input[type=file]');
  const importFile = async (name, body) => {
    await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
    return page.getByRole('dialog', { name: `Import ${name}?` });
  };
  // Another host here; Merge keeps it, and the preview says so.
  await hostRegion(page).getByLabel('Preset').selectOption('laptop');
  await expectGauges(page, { memoryTotal: 16384, cpus: 8, storageTotal: 500 });
  let preview = await importFile('lab.json', text);
  await preview
    .getByText("The file's host: memory 32 GB (may be overcommitted), CPUs 12, storage pool 900 GB. Replace puts the VMs on it; Merge keeps the host here.")
    .waitFor();
  await preview.getByRole('button', { name: 'Merge' }).click();
  await expectGauges(page, { memoryTotal: 16384, cpus: 8, storageTotal: 500 });

  // Replace takes the file's host, and a reload keeps it.
  preview = await importFile('lab.json', text);
  await preview.getByRole('button', { name: 'Replace' }).click();
  await expectGauges(page, { memoryTotal: 32768, cpus: 12, storageTotal: 900 });
  assert.equal((await page.evaluate(() => window.vmPlayground.getHostInfo())).overcommit, true);
  await page.reload();
  await openList(page, url);
  await expectGauges(page, { memoryTotal: 32768, cpus: 12, storageTotal: 900 });

  // A file exported before the host existed still imports, and the host stays.
  const old = JSON.stringify({ format: 'vm-playground', version: 1, vms: [{ name: 'old-lab', memory: 512 }] });
  preview = await importFile('old.json', old);
  await preview.getByText('The file has no host (it was exported before there was one): Replace and Merge keep the host here.').waitFor();
  await preview.getByRole('button', { name: 'Replace' }).click();
  await row(page, 'old-lab').waitFor();
  await expectGauges(page, { memoryTotal: 32768, cpus: 12, storageTotal: 900, memoryUsed: 0 });
});

e2e('the selected VM has sparklines and the host stacked graphs, with their values in words', async ({ page, url }) => {
  await openList(page, url);
  const clock = hostRegion(page).getByRole('group', { name: 'Simulated time' });
  await clock.getByText(/Simulated time: 0:00:0[2-9]/).waitFor();
  await clock.getByRole('button', { name: 'Pause' }).click();
  await clock.getByRole('button', { name: 'Play' }).waitFor();
  const stats = await page.evaluate(() => window.vmPlayground.getVmStats('web-01'));
  const cpu = stats.cpuPercent.toFixed(1);

  // The details: two images named by what they show and their value now, each a line.
  await page.getByRole('button', { name: 'Show details of web-01', exact: true }).click();
  const details = page.getByRole('complementary', { name: 'Details', exact: true });
  const cpuLine = details.getByRole('img', { name: `CPU use over the last minute of simulated time, now ${cpu} %` });
  await cpuLine.waitFor();
  assert.match(await cpuLine.locator('path').getAttribute('d'), /^M\d+,\d+(L\d+,\d+)+$/);
  await details.getByRole('img', { name: /^Memory in use over the last minute of simulated time, now .* of 2 GB$/ }).waitFor();

  // The host: one band per running or paused VM (the stopped one uses nothing), and a legend
  // that says each VM's values now, as the API reads them.
  const graphs = hostRegion(page).locator('.host-graphs');
  await eventually(async () => assert.equal(await graphs.locator('[data-graph="memory"] path').count(), 2));
  assert.equal(await graphs.locator('[data-graph="cpu"] path').count(), 2);
  const legend = await graphs.locator('[data-graph-vm]').evaluateAll((items) => items.map((item) => [item.dataset.graphVm, item.dataset.cpuPermille, item.dataset.memoryUsed]));
  const db = await page.evaluate(() => window.vmPlayground.getVmStats('db-01'));
  // Largest first: db-01 (4 GB, the demo's paused VM: no CPU), then web-01 (2 GB).
  assert.deepEqual(legend.map(([name]) => name), ['db-01', 'web-01']);
  assert.deepEqual(legend[0].slice(1), ['0', String(db.memoryUsedMb)]);
  assert.deepEqual(legend[1].slice(1), [String(Math.round(stats.cpuPercent * 10)), String(stats.memoryUsedMb)]);
  await graphs.getByText(`web-01: CPU ${cpu} %, memory in use`).waitFor();
  // web-01 has 2 vCPUs: its share of the host's 8 CPUs, in words.
  const busy = ((Math.round(stats.cpuPercent * 10) * 2) / 1000).toFixed(1);
  await graphs.getByText(`CPU: ${busy} of 8 CPUs busy now`).waitFor();

  // Past eight active VMs, the rest are counted, not drawn. (The longer list pushes the Host
  // panel off screen, where the graphs wait: scrolled back, they catch up.)
  await page.evaluate(() => {
    for (let i = 0; i < 9; i += 1) window.vmPlayground.createVm({ name: `extra-${i}`, memory: 256 });
  });
  await graphs.scrollIntoViewIfNeeded();
  await graphs.getByText('3 more running or paused VMs are not drawn: the graphs and their totals show the 8 holding the most memory.').waitFor();
  assert.equal(await graphs.locator('[data-graph="memory"] path').count(), 8);
});

e2e('the clock does not tick while the tab is hidden', async ({ page, url }) => {
  await openList(page, url);
  const clock = hostRegion(page).getByRole('group', { name: 'Simulated time' });
  await clock.getByText(/Simulated time: 0:00:0[1-9]/).waitFor();
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const hidden = await clock.locator('span').textContent();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 2100)));
  assert.equal(await clock.locator('span').textContent(), hidden);
  await page.evaluate(() => {
    delete document.hidden;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await eventually(async () => assert.notEqual(await clock.locator('span').textContent(), hidden));
});

e2e('a host change refused by a full quota is written once saving works again', async ({ page, url }) => {
  await openList(page, url);
  assert.deepEqual(await fillQuota(page), ['QuotaExceededError']);
  await page.evaluate(() => window.vmPlayground.setHost({ memory: 65536, cpus: 32 }));
  await expectGauges(page, { memoryTotal: 65536, cpus: 32 });
  await page.getByRole('alert').filter({ hasText: 'quota is full' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('vm-playground:host')), null);

  // Room again: the next change saves the VM and the host that waited.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler-')) localStorage.removeItem(key);
  });
  await action(page, 'Start', 'build-runner').click();
  await expectState(page, 'build-runner', 'running');
  await eventually(async () =>
    assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('vm-playground:host'))), {
      memory: 65536, cpus: 32, storage: 500, overcommit: false,
    }),
  );
  await page.reload();
  await openList(page, url);
  await expectGauges(page, { memoryTotal: 65536, cpus: 32, storageTotal: 500 });
});

e2e('details say a pending change will not start as is, and follow the other VMs and the host', async ({ page, url }) => {
  await openList(page, url);
  await page.evaluate(() => {
    vmPlayground.setHost({ memory: 8192 });
    const { config } = vmPlayground.getVmInfo('web-01');
    vmPlayground.updateVmConfig('web-01', { ...config, memory: 6144 });
  });
  await page.getByRole('button', { name: 'Show details of web-01', exact: true }).click();
  const details = page.locator('[data-details-vm="web-01"]');
  const warning = details.getByRole('status').filter({ hasText: 'As configured it will not start again after a stop' });
  // db-01 (paused) holds 4 GB of the 8: web-01's 6 GB would not fit at its next boot.
  await warning.waitFor();
  // The host grows: the sentence goes; it shrinks back: the sentence comes back.
  await page.evaluate(() => vmPlayground.setHost({ memory: 16384 }));
  await warning.waitFor({ state: 'detached' });
  await page.evaluate(() => vmPlayground.setHost({ memory: 8192 }));
  await warning.waitFor();
  // Another VM frees its memory (the details follow that VM, as every operation's do): back on
  // web-01, nothing is said.
  await page.evaluate(() => vmPlayground.stopVm('db-01'));
  await page.locator('[data-details-vm="db-01"]').waitFor();
  await page.getByRole('button', { name: 'Show details of web-01', exact: true }).click();
  await details.getByText('Pending — applied at next stop').waitFor();
  assert.equal(await warning.count(), 0);
});
