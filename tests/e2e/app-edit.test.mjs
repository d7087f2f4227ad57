// The edit dialog: a stopped VM takes changes at once (rename included); a running or paused one
// keeps them pending until it stops; a running VM can't be renamed.
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import {
  DEMO,
  LABELS,
  action,
  describedBy,
  editForm,
  expectFocused,
  expectInvalid,
  expectList,
  expectSpec,
  expectState,
  expectText,
  field,
  fillForm,
  formValues,
  openList,
  pendingNotice,
  row,
  waitFor,
} from './app-helpers.mjs';

const e2e = e2eSuite();

/** Opens the edit dialog of `name` and returns its form. */
async function openEdit(page, name) {
  await action(page, 'Edit', name).click();
  const form = editForm(page);
  await form.waitFor();
  assert.equal(await form.evaluate((element) => element.tagName), 'FORM');
  return form;
}

e2e('the edit form is named "Edit <vm>", has the same labels, holds the VM\'s config, and Save', async ({ page, url }) => {
  await openList(page, url);
  const form = await openEdit(page, 'db-01');
  await page.getByRole('form', { name: 'Edit db-01', exact: true }).waitFor();
  await page.getByRole('dialog', { name: 'Edit db-01' }).waitFor();
  for (const label of LABELS) await field(form, label).waitFor();
  assert.deepEqual(await formValues(form), {
    Name: 'db-01',
    'Memory (MB)': '4096',
    vCPUs: '4',
    'Disk path': '/var/lib/libvirt/images/db-01.qcow2',
    'Disk size (GB)': '100',
    'ISO image': '',
    Network: 'isolated',
  });
  const save = form.getByRole('button', { name: 'Save', exact: true });
  assert.equal(await save.getAttribute('type'), 'submit');
  // Focus moves into the dialog; Escape closes it and gives focus back to the Edit button.
  await waitFor(() => form.evaluate((element) => element.contains(document.activeElement)), 'focus inside the edit form');
  await page.keyboard.press('Escape');
  await form.waitFor({ state: 'detached' });
  await expectFocused(action(page, 'Edit', 'db-01'), 'the Edit db-01 button');
});

e2e('editing a stopped VM applies at once, rename included', async ({ page, url }) => {
  await openList(page, url);
  const form = await openEdit(page, 'build-runner');
  // Every alert that shows up, however briefly (the rename must not look like a VM that
  // vanished under the dialog).
  await page.evaluate(() => {
    window.alertsSeen = [];
    new MutationObserver((mutations) => {
      for (const node of mutations.flatMap((mutation) => [...mutation.addedNodes])) {
        if (node.nodeType === 1 && node.matches('[role="alert"]')) window.alertsSeen.push(node.textContent);
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  await fillForm(form, { Name: 'builder-02', 'Memory (MB)': '3072', vCPUs: '3', Network: 'bridged' });
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await form.waitFor({ state: 'detached' });

  await row(page, 'build-runner').waitFor({ state: 'detached' });
  await expectState(page, 'builder-02', 'stopped');
  await expectList(page, [['builder-02', 'stopped'], DEMO[1], DEMO[2]]);
  const renamed = row(page, 'builder-02');
  await expectText(renamed, '3 GB');
  await expectText(renamed, 'bridged');
  await expectText(renamed, '/isos/debian-12.iso');
  assert.equal(await pendingNotice(page, 'builder-02').count(), 0, 'no pending notice for a stopped VM');
  // The buttons follow the new name.
  await action(page, 'Start', 'builder-02').waitFor();
  assert.equal(await page.getByRole('button', { name: /build-runner/ }).count(), 0);
  assert.deepEqual(await page.evaluate(() => window.alertsSeen), []);
});

e2e('editing a running VM keeps the changes pending, shows them, and Discard drops them', async ({ page, url }) => {
  await openList(page, url);
  const form = await openEdit(page, 'web-01');
  await fillForm(form, { 'Memory (MB)': '4096', vCPUs: '4' });
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await form.waitFor({ state: 'detached' });

  const notice = pendingNotice(page, 'web-01');
  await expectText(notice, 'Changes pending — applied at next stop');
  await expectText(notice, 'memory 2 GB → 4 GB');
  await expectText(notice, 'vCPUs 2 → 4');
  // Still running on the old config.
  await expectState(page, 'web-01', 'running');
  await expectSpec(page, 'web-01', 'Memory', '2 GB');

  // The edit dialog now starts from the pending values.
  const again = await openEdit(page, 'web-01');
  assert.equal(await field(again, 'Memory (MB)').inputValue(), '4096');
  await again.getByRole('button', { name: 'Cancel', exact: true }).click();
  await again.waitFor({ state: 'detached' });

  await row(page, 'web-01').getByRole('button', { name: 'Discard pending changes of web-01', exact: true }).click();
  await notice.waitFor({ state: 'detached' });
  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  await expectSpec(page, 'web-01', 'Memory', '2 GB');
  await expectSpec(page, 'web-01', 'vCPUs', '2');
});

e2e('pending changes of a running VM are applied when it stops', async ({ page, url }) => {
  await openList(page, url);
  const form = await openEdit(page, 'web-01');
  await fillForm(form, { 'Memory (MB)': '3072', 'Disk size (GB)': '50' });
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expectText(pendingNotice(page, 'web-01'), 'memory 2 GB → 3 GB');
  await expectSpec(page, 'web-01', 'Memory', '2 GB');

  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  await expectSpec(page, 'web-01', 'Memory', '3 GB');
  await expectSpec(page, 'web-01', 'Disk', '50 GB');
  await pendingNotice(page, 'web-01').waitFor({ state: 'detached' });
});

e2e('pending changes of a paused VM are applied when it stops', async ({ page, url }) => {
  await openList(page, url);
  const form = await openEdit(page, 'db-01');
  await fillForm(form, { Network: 'default' });
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expectText(pendingNotice(page, 'db-01'), 'network isolated → default');
  await expectSpec(page, 'db-01', 'Network', 'isolated');
  await action(page, 'Stop', 'db-01').click();
  await expectState(page, 'db-01', 'stopped');
  await expectSpec(page, 'db-01', 'Network', 'default');
  await pendingNotice(page, 'db-01').waitFor({ state: 'detached' });
});

e2e('a running VM can\'t be renamed: its name field is read-only, with a note saying why', async ({ page, url }) => {
  await openList(page, url);
  const form = await openEdit(page, 'web-01');
  const name = field(form, 'Name');
  assert.equal(await name.getAttribute('readonly'), '', 'the name is read-only');
  assert.ok((await describedBy(name)).includes('web-01 is running: stop it to rename it.'), await describedBy(name));
  // Typing into it changes nothing.
  await name.focus();
  await page.keyboard.press('End');
  await page.keyboard.type('-renamed');
  assert.equal(await name.inputValue(), 'web-01');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await form.waitFor({ state: 'detached' });
  await expectList(page, DEMO);

  // A paused VM says so too.
  const paused = await openEdit(page, 'db-01');
  assert.equal(await field(paused, 'Name').getAttribute('readonly'), '');
  assert.ok((await describedBy(field(paused, 'Name'))).includes('db-01 is paused: stop it to rename it.'));
  await page.keyboard.press('Escape');
  // A stopped VM's name is editable.
  const stopped = await openEdit(page, 'build-runner');
  assert.equal(await field(stopped, 'Name').getAttribute('readonly'), null);
});

e2e('an invalid edit is refused with messages on the bad fields, and changes nothing', async ({ page, url }) => {
  await openList(page, url);
  const form = await openEdit(page, 'build-runner');
  await fillForm(form, { Name: 'web-01', 'Memory (MB)': '0' });
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expectInvalid(field(form, 'Memory (MB)'), 'memory must be between 1 and 4194304 MB, got 0');
  await expectFocused(field(form, 'Memory (MB)'), 'the first invalid field');
  // The name clash is the core's refusal, reported once the form parses.
  await field(form, 'Memory (MB)').fill('1024');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expectInvalid(field(form, 'Name'), "a VM named 'web-01' already exists");
  // The dialog stays open and nothing changed.
  await form.waitFor();
  await expectList(page, DEMO);
  await page.keyboard.press('Escape');
  await form.waitFor({ state: 'detached' });
  await expectSpec(page, 'build-runner', 'Memory', '1 GB');
});

e2e('a VM deleted elsewhere while its edit dialog is open: the dialog says so and Save is off', async ({ page, url }) => {
  await openList(page, url);
  const form = await openEdit(page, 'web-01');
  await fillForm(form, { 'Memory (MB)': '4096' });
  // Another tab, or a script in the devtools console, deletes it.
  await page.evaluate(() => window.vmPlayground.deleteVm('web-01'));
  const dialog = page.getByRole('dialog');
  await expectText(dialog.getByRole('alert'), "web-01 no longer exists: it was deleted or renamed meanwhile");
  assert.equal(await form.getByRole('button', { name: 'Save', exact: true }).isDisabled(), true);
  // What was typed stays until the user leaves.
  assert.equal(await field(form, 'Memory (MB)').inputValue(), '4096');
  await form.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  // Its Edit button went with its row: focus goes to the list's heading.
  await expectFocused(page.getByRole('heading', { name: 'Virtual machines' }), 'the list heading');
  await expectList(page, DEMO.filter(([name]) => name !== 'web-01'));
});
