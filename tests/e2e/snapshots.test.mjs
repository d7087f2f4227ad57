// Snapshots and clones (issue 15): taken, reverted and deleted from the GUI, the console and the
// JS API; the tree in Details (data-snapshot, aria-current), the delete dialog's count, a clone;
// after a reload and across two tabs.
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import { action, eventually, expectFocused, expectState, expectText, openList, row } from './app-helpers.mjs';

const e2e = e2eSuite();

const details = (page) => page.getByRole('complementary', { name: 'Details', exact: true });
const snapshot = (page, name) => details(page).locator(`[data-snapshot="${name}"]`);
const commandField = (page) => page.getByRole('textbox', { name: 'Command', exact: true });
const output = (page) => page.getByRole('log', { name: 'Console output' });

async function type(page, line) {
  await commandField(page).fill(line);
  await commandField(page).press('Enter');
}

async function showDetails(page, name) {
  await page.getByRole('button', { name: `Show details of ${name}`, exact: true }).click();
  await details(page).getByRole('heading', { name, exact: true }).waitFor();
}

/** Takes a snapshot of `vm` through the GUI's dialog. */
async function takeSnapshot(page, vm, name, description = '') {
  await details(page).getByRole('button', { name: `Take snapshot of ${vm}`, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByLabel('Snapshot name', { exact: true }).fill(name);
  if (description) await dialog.getByLabel('Description (optional)', { exact: true }).fill(description);
  await dialog.getByRole('button', { name: 'Take snapshot', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

const current = (page) =>
  details(page)
    .locator('[data-snapshot][aria-current="true"]')
    .evaluateAll((items) => items.map((item) => item.dataset.snapshot));

const events = (page) =>
  page
    .getByRole('region', { name: 'Event log' })
    .locator('[data-event-op]')
    .evaluateAll((items) => items.map((item) => [item.dataset.eventSource, item.dataset.eventOp, item.dataset.eventVm]));

e2e('take, revert and delete snapshots from the GUI; the tree marks the current one and survives a reload', async ({ page, url }) => {
  await openList(page, url);
  await showDetails(page, 'web-01');
  await expectText(details(page), 'No snapshots yet.');
  await takeSnapshot(page, 'web-01', 'base', 'fresh install');
  await snapshot(page, 'base').waitFor();
  // Focus returns to the button that opened the dialog, drawn again with the new snapshot.
  await expectFocused(details(page).getByRole('button', { name: 'Take snapshot of web-01', exact: true }), 'Take snapshot of web-01');
  await expectText(snapshot(page, 'base'), 'fresh install');
  await expectText(output(page), "# virsh snapshot-create-as web-01 base --description 'fresh install'");
  assert.deepEqual(await current(page), ['base']);

  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  await takeSnapshot(page, 'web-01', 'stopped');
  // The new one is a child of the current one, nested under it.
  await snapshot(page, 'base').locator('[data-snapshot="stopped"]').waitFor();
  assert.deepEqual(await current(page), ['stopped']);

  // Revert: the confirmation says what will be lost.
  await details(page).getByRole('button', { name: 'Revert web-01 to base', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Revert web-01 to base?', exact: true });
  await dialog.waitFor();
  await expectText(dialog, 'What it is now (stopped) is lost.');
  await dialog.getByRole('button', { name: 'Revert', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await expectState(page, 'web-01', 'running');
  await eventually(async () => assert.deepEqual(await current(page), ['base']));
  await expectText(output(page), '# virsh snapshot-revert web-01 base');

  await details(page).getByRole('button', { name: 'Delete snapshot stopped of web-01', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete snapshot stopped of web-01?', exact: true });
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await snapshot(page, 'stopped').waitFor({ state: 'detached' });

  await page.reload();
  await openList(page, url);
  await showDetails(page, 'web-01');
  await snapshot(page, 'base').waitFor();
  assert.deepEqual(await current(page), ['base']);
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('vm-playground:vm:web-01')));
  assert.deepEqual(stored.snapshots.map((s) => s.name), ['base']);
  assert.equal(stored.currentSnapshot, 'base');
  assert.equal(await page.evaluate(() => localStorage.getItem('vm-playground:meta')), '{"version":3}');
  const logged = (await events(page)).filter(([, op]) => op.startsWith('snapshot-'));
  assert.deepEqual(logged.map(([source, op]) => [source, op]), [
    ['gui', 'snapshot-delete'],
    ['gui', 'snapshot-revert'],
    ['gui', 'snapshot-create'],
    ['gui', 'snapshot-create'],
  ]);
});

e2e('the console and the API take, list, revert and delete snapshots; the GUI follows', async ({ page, url }) => {
  await openList(page, url);
  await type(page, 'snapshot-create-as build-runner clean --description "before lab"');
  await expectText(output(page), 'Domain snapshot clean created');
  await type(page, 'start build-runner');
  await expectState(page, 'build-runner', 'running');
  await page.evaluate(() => vmPlayground.createSnapshot('build-runner', 'booted'));
  const listed = await page.evaluate(() => vmPlayground.listSnapshots('build-runner'));
  assert.deepEqual(
    listed.map(({ name, description, state, parent, current }) => ({ name, description, state, parent, current })),
    [
      { name: 'clean', description: 'before lab', state: 'stopped', parent: null, current: false },
      { name: 'booted', description: '', state: 'running', parent: 'clean', current: true },
    ],
  );
  await type(page, 'snapshot-list build-runner --tree');
  await expectText(output(page), '+- booted');
  await type(page, 'snapshot-revert build-runner clean');
  await expectState(page, 'build-runner', 'stopped');
  await showDetails(page, 'build-runner');
  await eventually(async () => assert.deepEqual(await current(page), ['clean']));

  // Deleting a VM with snapshots needs the explicit choice.
  await type(page, 'undefine build-runner');
  await expectText(output(page), 'error: Requested operation is not valid: cannot delete inactive domain with 2 snapshots');
  const refused = await page.evaluate(() => {
    try {
      vmPlayground.deleteVm('build-runner');
      return null;
    } catch (error) {
      return error.code;
    }
  });
  assert.equal(refused, 'InvalidTransition');
  assert.equal(await row(page, 'build-runner').count(), 1);
  assert.deepEqual(
    await page.evaluate(() => vmPlayground.deleteSnapshot('build-runner', 'clean', { children: true })),
    ['clean', 'booted'],
  );
  await expectText(details(page), 'No snapshots yet.');
  await page.evaluate(() => vmPlayground.createSnapshot('build-runner', 'again'));
  await page.evaluate(() => vmPlayground.deleteVm('build-runner', { snapshots: true }));
  await row(page, 'build-runner').waitFor({ state: 'detached' });

  const logged = (await events(page)).filter(([, op]) => op.startsWith('snapshot-') || op === 'delete');
  assert.deepEqual(logged, [
    ['api', 'delete', 'build-runner'],
    ['api', 'snapshot-create', 'build-runner'],
    ['api', 'snapshot-delete', 'build-runner'],
    ['api', 'delete', 'build-runner'],
    ['console', 'delete', 'build-runner'],
    ['console', 'snapshot-revert', 'build-runner'],
    ['api', 'snapshot-create', 'build-runner'],
    ['console', 'snapshot-create', 'build-runner'],
  ]);
});

e2e('the Take snapshot dialog: named by its title, the prefilled name focused, Escape closes it and focus returns', async ({ page, url }) => {
  await openList(page, url);
  await showDetails(page, 'web-01');
  const opener = details(page).getByRole('button', { name: 'Take snapshot of web-01', exact: true });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Take a snapshot of web-01', exact: true });
  await dialog.waitFor();
  const field = dialog.getByLabel('Snapshot name', { exact: true });
  await expectFocused(field, 'the snapshot name');
  assert.match(await field.inputValue(), /^snapshot/);
  // The prefilled name is selected, so typing replaces it.
  await page.waitForFunction(() => {
    const input = document.activeElement;
    return input.value.length > 0 && input.selectionStart === 0 && input.selectionEnd === input.value.length;
  });
  await page.keyboard.type('before-upgrade');
  assert.equal(await field.inputValue(), 'before-upgrade');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await expectFocused(opener, 'Take snapshot');
  await expectText(details(page), 'No snapshots yet.');
});

e2e('the delete dialog says how many snapshots go with the VM, and deletes them with it', async ({ page, url }) => {
  await openList(page, url);
  await page.evaluate(() => {
    vmPlayground.createSnapshot('db-01', 'one');
    vmPlayground.createSnapshot('db-01', 'two');
  });
  await action(page, 'Delete', 'db-01').click();
  const dialog = page.getByRole('dialog', { name: 'Delete db-01?', exact: true });
  await expectText(dialog, 'Its 2 snapshots will be deleted with it.');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await row(page, 'db-01').waitFor({ state: 'detached' });
  await expectText(output(page), '# virsh undefine db-01 --snapshots-metadata');
  assert.equal(await page.evaluate(() => localStorage.getItem('vm-playground:vm:db-01')), null);
});

e2e('Clone: refused while running, a prefilled dialog for a stopped VM, and virt-clone in the console', async ({ page, url }) => {
  await openList(page, url);
  await showDetails(page, 'web-01');
  const clone = details(page).getByRole('button', { name: 'Clone web-01', exact: true });
  assert.ok(await clone.isDisabled(), 'a running VM is not cloned');

  await showDetails(page, 'build-runner');
  await page.evaluate(() => vmPlayground.createSnapshot('build-runner', 'kept'));
  await details(page).getByRole('button', { name: 'Clone build-runner', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Clone build-runner', exact: true });
  const name = dialog.getByLabel('Name of the clone', { exact: true });
  assert.equal(await name.inputValue(), 'build-runner-clone');
  await expectText(dialog, '/var/lib/libvirt/images/build-runner-clone.qcow2');
  await expectText(dialog, 'Snapshots are not cloned.');
  await dialog.getByRole('button', { name: 'Clone', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await expectState(page, 'build-runner-clone', 'stopped');
  await expectText(output(page), '# virt-clone --original build-runner --name build-runner-clone --auto-clone');
  const info = await page.evaluate(() => vmPlayground.getVmInfo('build-runner-clone'));
  assert.equal(info.config.diskPath, '/var/lib/libvirt/images/build-runner-clone.qcow2');
  assert.equal(info.snapshots, undefined);

  await type(page, 'virt-clone --original web-01 --name web-02 --auto-clone');
  await expectText(output(page), 'ERROR    Domain to clone must be shutoff.');
  await type(page, 'virt-clone --original build-runner --name lab-2 --auto-clone');
  await expectText(output(page), "Clone 'lab-2' created successfully.");
  await expectState(page, 'lab-2', 'stopped');
  const api = await page.evaluate(() => vmPlayground.cloneVm('lab-2', 'lab-3'));
  assert.equal(api.config.name, 'lab-3');
  await expectState(page, 'lab-3', 'stopped');
  const cloned = (await events(page)).filter(([, op]) => op === 'clone');
  assert.deepEqual(cloned, [
    ['api', 'clone', 'lab-2'],
    ['console', 'clone', 'build-runner'],
    ['console', 'clone', 'web-01'],
    ['gui', 'clone', 'build-runner'],
  ]);
});

e2e('two tabs: a snapshot taken in one shows in the other, and a revert there wins in both', async ({ page, context, url }) => {
  await openList(page, url);
  const other = await context.newPage();
  await openList(other, url);
  await showDetails(other, 'web-01');

  await page.evaluate(() => vmPlayground.createSnapshot('web-01', 'shared'));
  await snapshot(other, 'shared').waitFor();
  await action(other, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  await other.evaluate(() => vmPlayground.revertToSnapshot('web-01', 'shared'));
  await expectState(page, 'web-01', 'running');
  await showDetails(page, 'web-01');
  await eventually(async () => assert.deepEqual(await current(page), ['shared']));
});

e2e('in Russian, the contract has its Russian names', async ({ page, url }) => {
  await openList(page, `${url}?lang=ru`);
  await page.evaluate(() => vmPlayground.createSnapshot('build-runner', 'base'));
  await page.getByRole('button', { name: 'Подробнее о build-runner', exact: true }).click();
  const panel = page.locator('[data-details-vm="build-runner"]');
  await panel.getByRole('button', { name: 'Сделать снимок build-runner', exact: true }).waitFor();
  await panel.getByRole('button', { name: 'Клонировать build-runner', exact: true }).waitFor();
  await panel.getByRole('button', { name: 'Удалить снимок base ВМ build-runner', exact: true }).waitFor();
  await panel.getByRole('button', { name: 'Вернуть build-runner к снимку base', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Вернуть', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await panel.locator('[data-snapshot="base"]').getAttribute('aria-current'), 'true');
});
