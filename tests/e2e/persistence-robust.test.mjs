// Persistence under pressure: an oversized argument, a full quota shared by two tabs, and data of
// a format this version can't read. No tab overwrites another's newer change, a log that can't
// be written never stops the VMs' saving, and data this version can't read is never written
// over until the user chooses to start over (which backs it up first).
import assert from 'node:assert/strict';
import { e2eSuite, openApp } from './harness.mjs';
import { DEMO, action, expectList, expectState, openList, record, row, seed, waitFor } from './app-helpers.mjs';

const e2e = e2eSuite();

const META = 'vm-playground:meta';
const alerts = (page) => page.getByRole('alert');
const notSaving = (page) => page.locator('[data-alert="not-saving"]');

/** Every key of the app and its value. */
const appStorage = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((key) => key.startsWith('vm-playground'))
        .sort()
        .map((key) => [key, localStorage.getItem(key)]),
    ),
  );

/** The VMs' records in storage, by key. */
const vmRecords = async (page) =>
  Object.fromEntries(Object.entries(await appStorage(page)).filter(([key]) => key.startsWith('vm-playground:vm:')));

const storedState = async (page, name) => {
  const value = await page.evaluate((key) => localStorage.getItem(key), `vm-playground:vm:${name}`);
  return value && JSON.parse(value).state;
};

/** Resolves once the page has had an idle moment (when the app saves its event log). */
const idle = (page) => page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve))));

/** Fills the quota with one key of another app, the largest that fits; returns its length. */
const fillQuota = (page) =>
  page.evaluate(() => {
    const fits = (length) => {
      try {
        localStorage.setItem('other-app', 'x'.repeat(length));
        return true;
      } catch {
        return false;
      }
    };
    let low = 0;
    let high = 1024 * 1024;
    while (fits(high)) [low, high] = [high, high * 2];
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (fits(middle)) low = middle;
      else high = middle;
    }
    fits(low);
    return low;
  });

e2e('an oversized argument is refused and logged in short; another tab\'s change survives the next click', async ({ page, context, url }) => {
  await openList(page, url);
  const other = await context.newPage();
  await openList(other, url);

  const refused = await page.evaluate(() => {
    try {
      vmPlayground.startVm('x'.repeat(3e6));
      return false;
    } catch {
      return true;
    }
  });
  assert.ok(refused, 'startVm of an unknown 3 MB name is refused');
  await idle(page);
  // The refusal, if logged, is logged with its text cut: the log stays small and is saved.
  const logged = page.getByRole('region', { name: 'Event log' }).locator('[data-event-source="api"]');
  if ((await logged.count()) > 0) {
    const vm = await logged.first().getAttribute('data-event-vm');
    assert.ok(vm.length <= 200 && vm.endsWith('…'), `cut: ${vm.length} characters`);
    await waitFor(async () => ((await page.evaluate(() => localStorage.getItem('vm-playground:log'))) ?? '').includes('"source":"api"'), 'the log to be saved');
  }
  assert.ok(((await page.evaluate(() => localStorage.getItem('vm-playground:log'))) ?? '').length < 300_000);
  assert.equal(await notSaving(page).count(), 0, 'the VMs are still being saved');

  await action(other, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  await action(page, 'Resume', 'db-01').click();
  await expectState(other, 'db-01', 'running');

  assert.equal(await storedState(page, 'web-01'), 'stopped', "tab 2's Stop survived tab 1's click");
  assert.equal(await storedState(page, 'db-01'), 'running');
  const expected = [['build-runner', 'stopped'], ['db-01', 'running'], ['web-01', 'stopped']];
  await expectList(page, expected);
  await expectList(other, expected);
});

e2e('a tab that could not save catches up without overwriting another tab\'s newer change', async ({ page, context, url }) => {
  await openList(page, url);
  const other = await context.newPage();
  await openList(other, url);

  // Another app on the origin fills the quota with one big key: the largest that fits.
  const size = await fillQuota(page);
  assert.ok(size > 0);

  // This tab can't save: its changes stay on the page. (A new VM needs room; a Stop alone
  // rewrites a record of the same length, which a full quota still takes.)
  await page.evaluate(() => vmPlayground.createVm({ name: 'added-here' }));
  await notSaving(page).waitFor();
  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  await action(page, 'Resume', 'db-01').click();
  await expectState(page, 'db-01', 'running');
  assert.equal(await storedState(page, 'web-01'), 'running');

  // Storage frees up, and the other tab changes web-01 first.
  await other.evaluate((length) => localStorage.setItem('other-app', 'x'.repeat(length)), size - 200_000);
  await action(other, 'Pause', 'web-01').click();
  await expectState(other, 'web-01', 'paused');

  // This tab takes in the newer change, says its own was not applied, and saves the rest.
  await expectState(page, 'web-01', 'paused');
  const told = alerts(page).filter({ hasText: 'not applied' });
  await told.waitFor();
  assert.match(await told.textContent(), /web-01: this tab's change \(stopped\) was not applied; it is paused/);
  await action(page, 'Start', 'build-runner').click();
  await waitFor(async () => (await notSaving(page).count()) === 0, 'saving to be back');

  assert.equal(await storedState(page, 'web-01'), 'paused', 'the other tab\'s Pause survived');
  assert.equal(await storedState(page, 'db-01'), 'running', 'this tab\'s Resume, which nobody else touched, is saved');
  assert.equal(await storedState(page, 'build-runner'), 'running');
  assert.equal(await storedState(page, 'added-here'), 'running');
  const expected = [['added-here', 'running'], ['build-runner', 'running'], ['db-01', 'running'], ['web-01', 'paused']];
  await expectList(page, expected);
  await expectList(other, expected);
});

e2e('a rename on a full quota keeps the old record until the new one is written; an undone change frees its room', async ({ page, url }) => {
  await openList(page, url);
  const size = await fillQuota(page);
  const longer = 'build-runner-renamed-with-a-name-much-longer-than-before';
  // A longer name needs room the full quota doesn't have: the old record must stay.
  await page.evaluate((name) => {
    const { config } = vmPlayground.getVmInfo('build-runner');
    vmPlayground.updateVmConfig('build-runner', { ...config, name });
  }, longer);
  await notSaving(page).waitFor();
  assert.equal(await storedState(page, 'build-runner'), 'stopped', 'the old record is still there');
  assert.equal(await storedState(page, longer), null);

  // Undone, the VM is build-runner again: saved at once (nothing new needed room).
  await page.evaluate(() => vmPlayground.undo());
  await waitFor(async () => (await notSaving(page).count()) === 0, 'saving to be back');
  assert.equal(await storedState(page, 'build-runner'), 'stopped');

  // VMs created until storage is full, then undone, with a change that needs more room in the
  // same task: the undone VMs' removals go although that write failed, and with the room they
  // free it is written; a reload finds exactly the page's VMs.
  await page.evaluate((length) => localStorage.setItem('other-app', 'x'.repeat(length)), size - 3_000);
  await page.evaluate(() => {
    for (let i = 0; i < 20; i += 1) vmPlayground.createVm({ name: `extra-${i}`, memory: 64 });
  });
  await notSaving(page).waitFor();
  const diskPath = `/var/lib/libvirt/images/${'a-much-longer-disk-path-'.repeat(8)}.qcow2`;
  await page.evaluate((diskPath) => {
    while (vmPlayground.listVms().some((name) => name.startsWith('extra-'))) vmPlayground.undo();
    const { config } = vmPlayground.getVmInfo('db-01');
    vmPlayground.updateVmConfig('db-01', { ...config, diskPath });
  }, diskPath);
  await waitFor(async () => (await notSaving(page).count()) === 0, 'saving to be back');
  await page.reload();
  await expectList(page, [['build-runner', 'stopped'], ['db-01', 'paused'], ['web-01', 'running']]);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('vm-playground:vm:db-01')));
  assert.equal(stored.pending.diskPath, diskPath);
});

e2e('an import storage has no room for is refused whole: nothing changes, here or in storage', async ({ page, url }) => {
  await openList(page, url);
  const before = await vmRecords(page);
  const vms = Array.from({ length: 40 }, (_, i) => ({ name: `imported-${i}`, memory: 512, diskPath: `/var/lib/libvirt/images/${'long-'.repeat(40)}${i}.qcow2` }));
  const file = { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'vm-playground', version: 1, vms })) };
  await fillQuota(page);
  for (const choice of ['Replace', 'Merge']) {
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('dialog', { name: 'Import big.json' }).getByRole('button', { name: choice, exact: true }).click();
    const refusal = alerts(page).filter({ hasText: 'Nothing was imported' });
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /no room for it \([\d.,]+ KB more is needed\)/);
    await expectList(page, DEMO);
    assert.deepEqual(await vmRecords(page), before, `${choice}: storage is as it was`);
    await refusal.getByRole('button').click();
  }
  assert.equal(await page.evaluate(() => vmPlayground.canUndo()), false, 'no change to undo');
  // With room, the same file comes in.
  await page.evaluate(() => localStorage.removeItem('other-app'));
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('dialog', { name: 'Import big.json' }).getByRole('button', { name: 'Merge', exact: true }).click();
  await row(page, 'imported-39').waitFor();
});

for (const meta of ['{"version":4}', '{"version":"2"}', '{"version":1.5}', '{"version":']) {
  e2e(`metadata ${meta}: nothing under the app's keys changes until Start over, which backs it up first`, async ({ page, context, url }) => {
    const seeded = {
      [META]: meta,
      'vm-playground:vm:web-01': record('web-01'),
      'vm-playground:vm:future': '{"shape":"unknown"}',
      'vm-playground:log': '{"format":"newer"}',
    };
    await seed(context, seeded);
    await openApp(page, url);
    await page.getByText('No VMs yet').waitFor();
    const notice = page.locator('[data-alert="unknown-format"]');
    await notice.waitFor();
    assert.ok((await notice.textContent()).includes(meta));
    assert.deepEqual(await appStorage(page), seeded, 'nothing written at load');

    // Work in memory: a create, clicks, the console, the event log's idle save.
    await page.evaluate(() => vmPlayground.createVm({ name: 'made-here' }));
    await action(page, 'Stop', 'made-here').click();
    await expectState(page, 'made-here', 'stopped');
    await page.getByRole('button', { name: 'Reset to demo' }).click();
    await page.getByRole('dialog', { name: 'Reset to the demo?' }).getByRole('button', { name: 'Reset', exact: true }).click();
    await row(page, 'web-01').waitFor();
    await page.evaluate(() => vmPlayground.createVm({ name: 'made-here' }));
    await idle(page);
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    assert.deepEqual(await appStorage(page), seeded, 'nothing written after clicks');

    await notice.getByRole('button', { name: 'Start over' }).click();
    await notice.waitFor({ state: 'detached' });
    const after = await appStorage(page);
    const backups = Object.keys(after).filter((key) => key.startsWith('vm-playground:backup:'));
    assert.equal(backups.length, 1, `one backup: ${Object.keys(after)}`);
    assert.deepEqual(JSON.parse(after[backups[0]]).entries, seeded, 'the backup holds everything as it was');
    assert.equal(after[META], '{"version":3}');
    assert.ok(!('vm-playground:vm:future' in after));
    assert.equal(JSON.parse(after['vm-playground:vm:made-here']).state, 'running');

    await page.reload();
    await openList(page, url);
    await expectList(page, [['build-runner', 'stopped'], ['db-01', 'paused'], ['made-here', 'running'], ['web-01', 'running']]);
    await page.getByText(backups[0], { exact: true }).waitFor();
  });
}

e2e('a record another tab wrote that this version can\'t read is backed up before a click here replaces it', async ({ page, context, url }) => {
  await openList(page, url);
  const other = await context.newPage();
  await openList(other, url);
  const newer = '{"shape":"from a newer version"}';
  await other.evaluate((value) => localStorage.setItem('vm-playground:vm:web-01', value), newer);
  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  await alerts(page).filter({ hasText: "can't read" }).waitFor();
  const stored = await appStorage(page);
  const backups = Object.keys(stored).filter((key) => key.startsWith('vm-playground:backup:'));
  assert.equal(backups.length, 1, `a backup: ${Object.keys(stored)}`);
  assert.deepEqual(JSON.parse(stored[backups[0]]).entries, { 'vm-playground:vm:web-01': newer });
  assert.equal(JSON.parse(stored['vm-playground:vm:web-01']).state, 'stopped');
  await page.getByText(backups[0], { exact: true }).waitFor();
});

e2e('identical events in one millisecond are each listed in the event log', async ({ page, url }) => {
  await openList(page, url);
  const refuse = (times) =>
    page.evaluate((count) => {
      for (let i = 0; i < count; i += 1) {
        try {
          vmPlayground.startVm('nope');
        } catch {
          // refused: no such VM
        }
      }
    }, times);
  const log = page.getByRole('region', { name: 'Event log' });
  const listed = () => log.locator('[data-event-vm="nope"]').count();
  await refuse(20);
  await waitFor(async () => (await listed()) === 20, 'twenty entries');
  // More of the same join the list (their keys differ from the ones shown).
  await refuse(3);
  await waitFor(async () => (await listed()) === 23, 'twenty-three entries');
});

e2e('an event log that can\'t be saved never stops the VMs\' saving', async ({ page, url }) => {
  await openList(page, url);
  await fillQuota(page);
  // A Stop rewrites web-01's record at the same length, which fits; the log grows, which doesn't.
  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  await idle(page);
  const log = (await page.evaluate(() => localStorage.getItem('vm-playground:log'))) ?? '';
  assert.ok(!log.includes('"op":"stop"'), 'the log could not be saved');
  assert.equal(await notSaving(page).count(), 0, 'the VMs are still being saved');
  assert.equal(await storedState(page, 'web-01'), 'stopped');
  await action(page, 'Start', 'web-01').click();
  await expectState(page, 'web-01', 'running');
  await idle(page);
  assert.equal(await notSaving(page).count(), 0);
  assert.equal(await storedState(page, 'web-01'), 'running');
});
