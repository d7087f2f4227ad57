// Persistence that loses nothing: damaged or foreign data at start-up, no storage, a full
// quota, several tabs (one of them deaf to storage events), export and import.
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eSuite } from './harness.mjs';
import { action, editForm, expectList, expectState, field, fillQuota, openList, record, row, seed, waitFor, DEMO } from './app-helpers.mjs';

const e2e = e2eSuite();

const META = 'vm-playground:meta';

const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage).sort());
const alerts = (page) => page.getByRole('alert');

e2e('damaged records: the app starts, says what was wrong, keeps the rest and backs up the rest', async ({ page, context, url }) => {
  const truncated = record('cut').slice(0, 40);
  await seed(context, {
    [META]: '{"version":1}',
    'vm-playground:vm:good': record('good'),
    'vm-playground:vm:cut': truncated,
    'vm-playground:vm:zero': record('zero', 'stopped', { memory: 0 }),
    'vm-playground:vm:huge': `"${'x'.repeat(1_100_000)}"`,
    'another-app': 'untouched',
  });
  await openList(page, url);
  await expectList(page, [['good', 'running']]);
  const alert = alerts(page).filter({ hasText: 'could not be loaded' });
  await alert.waitFor();
  const text = await alert.textContent();
  for (const expected of ['vm-playground:vm:cut', 'unreadable record', 'memory must be between 1 and 4194304 MB, got 0', 'at most 1,048,576']) {
    assert.ok(text.includes(expected), `alert mentions ${expected}: ${text}`);
  }
  const keys = await storedKeys(page);
  const backupKey = keys.find((key) => key.startsWith('vm-playground:backup:'));
  assert.ok(backupKey, `a backup key exists: ${keys}`);
  assert.ok(!keys.includes('vm-playground:vm:cut'), 'the damaged key moved to the backup');
  assert.ok(keys.includes('another-app'));
  const backup = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), backupKey));
  assert.equal(backup.entries['vm-playground:vm:cut'], truncated, 'the original value is kept verbatim');
  assert.equal(Object.keys(backup.entries).length, 3);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    alert.getByRole('button', { name: 'Download the damaged data' }).click(),
  ]);
  const downloaded = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(downloaded, backup);

  // After a reload the alert is gone, the backup stays on offer, and the good VM is there.
  await page.reload();
  await openList(page, url);
  await expectList(page, [['good', 'running']]);
  assert.equal(await alerts(page).count(), 0);
  await page.getByText(backupKey).waitFor();
});

e2e('damaged records: a page in Russian says what was wrong in Russian, and the backup keeps it in English', async ({ page, context, url }) => {
  await seed(context, {
    [META]: '{"version":1}',
    'vm-playground:vm:good': record('good'),
    'vm-playground:vm:cut': record('cut').slice(0, 40),
    'vm-playground:vm:zero': record('zero', 'stopped', { memory: 0 }),
  });
  await openList(page, `${url}?lang=ru`);
  const alert = alerts(page).filter({ hasText: 'не удалось загрузить' });
  await alert.waitFor();
  const text = await alert.textContent();
  for (const expected of ['vm-playground:vm:cut: запись не читается: ', 'vm-playground:vm:zero: поле «память» должно быть от 1 до']) {
    assert.ok(text.includes(expected), `alert mentions ${expected}: ${text}`);
  }
  assert.ok(!text.includes('unreadable record') && !text.includes('memory must be'), `no English reasons: ${text}`);
  const backupKey = (await storedKeys(page)).find((key) => key.startsWith('vm-playground:backup:'));
  const backup = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), backupKey));
  assert.ok(backup.reasons.some((reason) => reason.startsWith('vm-playground:vm:cut: unreadable record: ')), backup.reasons.join('; '));
});

e2e('wrong types in one record still start a usable app', async ({ page, context, url }) => {
  await seed(context, {
    [META]: '{"version":1}',
    'vm-playground:vm:ok': record('ok', 'paused'),
    'vm-playground:vm:typed': record('typed').replace('"memory":1024', '"memory":"1024"'),
  });
  await openList(page, url);
  await expectList(page, [['ok', 'paused']]);
  const text = await alerts(page).first().textContent();
  assert.ok(text.includes('invalid type'), text);
  await action(page, 'Resume', 'ok').click();
  await expectState(page, 'ok', 'running');
});

// Unreadable or newer metadata: persistence-robust.test.mjs.

e2e('without localStorage the app works in memory and says changes are not saved', async ({ page, context, url }) => {
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await openList(page, url);
  await expectList(page, DEMO);
  await alerts(page).filter({ hasText: 'Changes are not being saved' }).waitFor();
  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  await page.evaluate(() => vmPlayground.createVm({ name: 'memory-only' }));
  await row(page, 'memory-only').waitFor();
});

e2e('a full quota: changes stay on the page, are retried, and all are saved once space is back', async ({ page, url }) => {
  await openList(page, url);
  const refusals = await fillQuota(page);
  assert.deepEqual(refusals, ['QuotaExceededError']);
  await page.evaluate(() => vmPlayground.createVm({ name: 'big-lab-vm-with-a-long-name', diskPath: '/var/lib/libvirt/images/a-rather-long-disk-path.qcow2' }));
  await alerts(page).filter({ hasText: 'quota is full' }).waitFor();
  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  await row(page, 'big-lab-vm-with-a-long-name').waitFor();

  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler-')) localStorage.removeItem(key);
  });
  await action(page, 'Start', 'build-runner').click();
  await waitFor(async () => (await alerts(page).filter({ hasText: 'not being saved' }).count()) === 0, 'the alert to go');

  await page.reload();
  await openList(page, url);
  await expectList(page, [
    ['big-lab-vm-with-a-long-name', 'running'],
    ['build-runner', 'running'],
    ['db-01', 'paused'],
    ['web-01', 'stopped'],
  ]);
});

e2e('two tabs: each sees the other\'s changes without a reload, and both keep both', async ({ page, context, url }) => {
  await openList(page, url);
  const other = await context.newPage();
  await openList(other, url);

  await page.evaluate(() => vmPlayground.createVm({ name: 'a' }));
  await other.evaluate(() => vmPlayground.createVm({ name: 'b' }));
  await row(other, 'a').waitFor();
  await row(page, 'b').waitFor();

  await action(other, 'Pause', 'a').click();
  await expectState(page, 'a', 'paused');
  await page.evaluate(() => vmPlayground.deleteVm('b'));
  await row(other, 'b').waitFor({ state: 'detached' });
  await action(page, 'Stop', 'web-01').click();
  await expectState(other, 'web-01', 'stopped');

  const expected = [['a', 'paused'], ['build-runner', 'stopped'], ['db-01', 'paused'], ['web-01', 'stopped']];
  await expectList(page, expected);
  await expectList(other, expected);
});

e2e('another page of the site clearing storage: the open tab saves its VMs again and says so', async ({ page, context, url }) => {
  await openList(page, url);
  await page.evaluate(() => vmPlayground.createVm({ name: 'kept', memory: 512 }));
  await row(page, 'kept').waitFor();
  // GitHub Pages serves every project of an account from one origin: another project's page
  // shares this storage.
  const other = await context.newPage();
  await other.route('**/another-project/', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Another project</title>' }));
  await other.goto(new URL('/another-project/', url).href);
  await other.evaluate(() => localStorage.clear());
  await alerts(page).filter({ hasText: 'was erased from outside this tab' }).filter({ hasText: 'saved its 4 VMs again' }).waitFor();
  const keys = await storedKeys(page);
  for (const key of [META, 'vm-playground:host', 'vm-playground:log', 'vm-playground:vm:kept', 'vm-playground:vm:web-01']) {
    assert.ok(keys.includes(key), `${key} written back: ${keys}`);
  }
  // A click on a VM afterwards changes it; it used to take the VM's absence in and remove it.
  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  const expected = [['build-runner', 'stopped'], ['db-01', 'paused'], ['kept', 'running'], ['web-01', 'stopped']];
  await expectList(page, expected);
  await page.reload();
  await openList(page, url);
  await expectList(page, expected);
  assert.equal(await page.evaluate(() => vmPlayground.getVmInfo('kept').config.memory), 512);
  // The event log was written back too.
  await page.locator('[data-event-vm="kept"][data-event-op="create"]').first().waitFor();
});

e2e("an edit dialog left open while another tab changes the VM saves what it changed, and keeps the other tab's change", async ({ page, context, url }) => {
  await openList(page, url);
  const other = await context.newPage();
  await openList(other, url);
  await action(other, 'Edit', 'build-runner').click();
  const form = editForm(other);
  await field(form, 'vCPUs').waitFor();
  // Meanwhile the first tab changes the memory; the dialog still shows 1024.
  await page.evaluate(() => {
    const { config } = vmPlayground.getVmInfo('build-runner');
    vmPlayground.updateVmConfig('build-runner', { ...config, memory: 3072 });
  });
  await waitFor(() => other.evaluate(() => vmPlayground.getVmInfo('build-runner').config.memory === 3072), 'the other tab took it in');
  assert.equal(await field(form, 'Memory (MB)').inputValue(), '1024');
  await field(form, 'vCPUs').fill('2');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await waitFor(async () => (await form.count()) === 0, 'the dialog closed');
  for (const tab of [other, page]) {
    await waitFor(
      () => tab.evaluate(() => JSON.stringify(vmPlayground.getVmInfo('build-runner').config)).then((config) => {
        const { memory, vcpus } = JSON.parse(config);
        return memory === 3072 && vcpus === 2;
      }),
      'both changes kept',
    );
  }
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('vm-playground:vm:build-runner')));
  assert.deepEqual([stored.config.memory, stored.config.vcpus], [3072, 2]);
});

e2e('a bulk change in another tab is taken in whole: 2,000 creates, then a reset', async ({ page, context, url }) => {
  await openList(page, url);
  const other = await context.newPage();
  await openList(other, url);
  await other.evaluate(() => {
    vmPlayground.setHost({ memory: null, cpus: null, storage: null });
    for (let i = 0; i < 2000; i++) vmPlayground.defineVm({ name: `bulk-${String(i).padStart(4, '0')}` });
  });
  const shown = (tab) => tab.evaluate(() => [vmPlayground.listVms().length, document.querySelectorAll('[data-vm]').length]);
  await waitFor(async () => JSON.stringify(await shown(page)) === '[2003,2003]', 'every VM listed in the first tab', { timeout: 30000 });
  await other.getByRole('button', { name: 'Reset to demo', exact: true }).click();
  await other.getByRole('dialog', { name: 'Reset to the demo?' }).getByRole('button', { name: 'Reset', exact: true }).click();
  await expectList(other, DEMO);
  await waitFor(async () => JSON.stringify(await shown(page)) === '[3,3]', 'the reset taken in', { timeout: 30000 });
  await expectList(page, DEMO);
});

e2e('a tab that misses storage events never overwrites newer data', async ({ page, context, url }) => {
  await openList(page, url);
  const deaf = await context.newPage();
  await deaf.addInitScript(() => {
    const listen = window.addEventListener;
    window.addEventListener = function (type, ...rest) {
      if (type === 'storage') return undefined;
      return listen.call(this, type, ...rest);
    };
  });
  await openList(deaf, url);

  // Creates on both sides: neither erases the other.
  await page.evaluate(() => vmPlayground.createVm({ name: 'a' }));
  await deaf.evaluate(() => vmPlayground.createVm({ name: 'c' }));
  await row(page, 'c').waitFor();
  assert.equal(await row(deaf, 'a').count(), 0, 'the deaf tab did not hear about a');

  // A change made elsewhere wins: the deaf tab's stale click is checked against it.
  await action(page, 'Resume', 'db-01').click();
  await expectState(page, 'db-01', 'running');
  assert.equal(await row(deaf, 'db-01').getAttribute('data-state'), 'paused', 'stale');
  await action(deaf, 'Resume', 'db-01').click();
  await expectState(deaf, 'db-01', 'running');
  await row(deaf, 'db-01').getByRole('alert').filter({ hasText: "cannot resume 'db-01': it is not paused" }).waitFor();

  // A VM deleted elsewhere is not brought back by the deaf tab.
  await page.evaluate(() => vmPlayground.deleteVm('web-01'));
  // Chromium hands a write to another page's copy of localStorage a moment later (pages may
  // live in other processes): wait until the deaf tab's storage has it, as a later click
  // would find it, so the click below tests the app's check, not that delay.
  await waitFor(
    () => deaf.evaluate(() => localStorage.getItem('vm-playground:vm:web-01') === null),
    'the delete to reach the deaf tab’s storage',
  );
  await action(deaf, 'Stop', 'web-01').click();
  await row(deaf, 'web-01').waitFor({ state: 'detached' });

  const stored = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('vm-playground:vm:')).sort());
  assert.deepEqual(stored, ['vm-playground:vm:a', 'vm-playground:vm:build-runner', 'vm-playground:vm:c', 'vm-playground:vm:db-01']);
  await deaf.reload();
  await openList(deaf, url);
  await expectList(deaf, [['a', 'running'], ['build-runner', 'stopped'], ['c', 'running'], ['db-01', 'running']]);
});

e2e('export, reset, then import the file back: replace and merge', async ({ page, url }) => {
  await openList(page, url);
  await page.evaluate(() => vmPlayground.createVm({ name: 'exported', memory: 2048, isoImage: '/isos/x.iso' }));
  await action(page, 'Pause', 'exported').click();
  await expectState(page, 'exported', 'paused');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  assert.match(download.suggestedFilename(), /^vm-playground-\d{4}-\d{2}-\d{2}\.json$/);
  const file = join(await mkdtemp(join(tmpdir(), 'vm-export-')), download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(exported.format, 'vm-playground');
  assert.equal(exported.vms.length, 4);

  await page.getByRole('button', { name: 'Reset to demo' }).click();
  const resetDialog = page.getByRole('dialog', { name: 'Reset to the demo?' });
  await resetDialog.getByRole('button', { name: 'Reset', exact: true }).click();
  await expectList(page, DEMO);

  await page.locator('input[type=file]').setInputFiles(file);
  const preview = page.getByRole('dialog', { name: /^Import vm-playground-/ });
  await preview.getByText('The file holds 4 VMs.').waitFor();
  await preview.getByText('3 of them have the name of a VM here').waitFor();
  await preview.getByRole('button', { name: 'Replace' }).click();
  await expectList(page, [['build-runner', 'stopped'], ['db-01', 'paused'], ['exported', 'paused'], ['web-01', 'running']]);
  const info = await page.evaluate(() => vmPlayground.getVmInfo('exported'));
  assert.equal(info.config.isoImage, '/isos/x.iso');
  // The event log tells the story: a reset, then an import of everything.
  const log = page.getByRole('region', { name: 'Event log' });
  await log.locator('[data-event-op="reset"][data-event-vm=""]').waitFor();
  await log.locator('[data-event-op="import"][data-event-vm=""]').waitFor();

  // Merge keeps what is here and adds the file's VMs.
  await page.evaluate(() => vmPlayground.deleteVm('exported'));
  await page.evaluate(() => vmPlayground.createVm({ name: 'local-only' }));
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('dialog', { name: /^Import / }).getByRole('button', { name: 'Merge' }).click();
  await row(page, 'exported').waitFor();
  await log.locator('[data-event-op="import"][data-event-vm="exported"]').waitFor();
  await row(page, 'local-only').waitFor();

  await page.reload();
  await openList(page, url);
  await row(page, 'exported').waitFor();
  await row(page, 'local-only').waitFor();
});

e2e('a bad or oversized import changes nothing and says why', async ({ page, url }) => {
  await openList(page, url);
  const input = page.locator('input[type=file]');
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "vm-playground", ') });
  await alerts(page).filter({ hasText: 'Nothing was imported from broken.json: the file is not valid JSON' }).waitFor();
  await expectList(page, DEMO);

  await input.setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
  await alerts(page).filter({ hasText: 'is not a VM Playground export' }).waitFor();

  await input.setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(9 * 1024 * 1024, 32) });
  await alerts(page).filter({ hasText: 'at most 8 MB can be imported' }).waitFor();
  await expectList(page, DEMO);
  assert.equal(await page.getByRole('dialog').count(), 0, 'no import was offered');
});

e2e('a hostile import is refused or previewed in bounded words, and the page keeps answering', async ({ page, url }) => {
  await openList(page, url);
  const input = page.locator('input[type=file]');
  // Just under the size limit: a list of four million 1s once built a preview hundreds of MB long.
  const ones = `{"format":"vm-playground","version":1,"vms":[${'1,'.repeat(4_000_000)}1]}`;
  await input.setInputFiles({ name: 'ones.json', mimeType: 'application/json', buffer: Buffer.from(ones) });
  await alerts(page)
    .filter({ hasText: 'Nothing was imported from ones.json: the file is too large to import: a list or object in it has more than 25000 entries' })
    .waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0, 'no import was offered');

  // Within the limits, every bad entry is counted and only the first five are named.
  const bad = `{"format":"vm-playground","version":1,"vms":[${Array(1000).fill('1').join(',')}]}`;
  await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  const preview = page.getByRole('dialog', { name: 'Import bad.json?' });
  const summary = preview.getByText(/^The file holds 0 VMs, 1,000 invalid \(left out\), the first 5: entry 1: /);
  await summary.waitFor();
  const text = await summary.textContent();
  assert.ok(text.includes('entry 5: ') && !text.includes('entry 6'), text);
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expectList(page, DEMO);
});

e2e('a file dropped on the page is previewed and imported like a picked one', async ({ page, url }) => {
  await openList(page, url);
  const file = JSON.stringify({ format: 'vm-playground', version: 1, vms: [{ name: 'dropped', memory: 256 }] });
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'lab.json', { type: 'application/json' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, file);
  const preview = page.getByRole('dialog', { name: 'Import lab.json?' });
  await preview.getByText('The file holds 1 VM.').waitFor();
  await preview.getByRole('button', { name: 'Merge' }).click();
  await expectList(page, [['build-runner', 'stopped'], ['db-01', 'paused'], ['dropped', 'stopped'], ['web-01', 'running']]);
});
