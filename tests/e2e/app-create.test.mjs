// The create form: valid and invalid submits, "Create stopped", and when messages show.
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import {
  DEFAULTS,
  DEMO,
  LABELS,
  action,
  createForm,
  describedBy,
  expectFocused,
  expectInvalid,
  expectList,
  expectState,
  expectText,
  expectValid,
  field,
  fieldErrors,
  fillForm,
  formValues,
  listed,
  openList,
  row,
  summary,
  waitFor,
} from './app-helpers.mjs';

const e2e = e2eSuite();

/** After a refused submit: the list is still the demo, and so is the summary. */
async function expectNothingAdded(page) {
  assert.deepEqual(await listed(page), DEMO);
  await expectText(summary(page), '3 VMs: 1 running, 1 paused, 1 stopped.');
}

e2e('the create form has the contract labels, pre-filled defaults and no message before a submit', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);
  assert.deepEqual(await formValues(form), DEFAULTS);
  assert.equal(await field(form, 'Network').evaluate((select) => select.tagName), 'SELECT');
  const networks = await field(form, 'Network').locator('option').allTextContents();
  assert.equal(networks[0], 'default', `"default" first, got ${networks}`);
  for (const label of LABELS) {
    assert.equal(await field(form, label).getAttribute('aria-invalid'), null, label);
  }
  assert.equal(await fieldErrors(form).count(), 0);
  assert.equal(await form.getByRole('button', { name: 'Create', exact: true }).getAttribute('type'), 'submit');
  await form.getByRole('button', { name: 'Create stopped', exact: true }).waitFor();
});

e2e('Create with valid values creates and starts the VM, shows its row and resets the form', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);
  await fillForm(form, {
    Name: 'app-01',
    'Memory (MB)': '512',
    vCPUs: '2',
    'Disk path': '/var/lib/libvirt/images/app-01.qcow2',
    'Disk size (GB)': '15',
    'ISO image': '/isos/alpine.iso',
    Network: 'isolated',
  });
  await form.getByRole('button', { name: 'Create', exact: true }).click();

  await expectState(page, 'app-01', 'running');
  await expectList(page, [['app-01', 'running'], ...DEMO]);
  const created = row(page, 'app-01');
  await created.waitFor({ state: 'visible' });
  assert.ok(await created.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  }), 'the new row is scrolled into view');
  for (const text of ['512 MB', '15 GB', 'isolated', '/isos/alpine.iso', 'Running']) {
    await expectText(created, text);
  }
  await waitFor(async () => (await action(page, 'Start', 'app-01').isDisabled()) && !(await action(page, 'Stop', 'app-01').isDisabled()), 'Start disabled and Stop enabled on the new running VM');
  await expectText(summary(page), '4 VMs: 2 running, 1 paused, 1 stopped.');
  await expectText(summary(page), 'Running VMs hold 2.5 GB and 4 vCPUs.');
  // The form is back to its defaults, with no message.
  await waitFor(async () => JSON.stringify(await formValues(form)) === JSON.stringify(DEFAULTS), 'the form to reset');
  assert.equal(await form.locator('[aria-invalid="true"]').count(), 0);
});

e2e('"Create stopped" creates the VM without starting it', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);
  await field(form, 'Name').fill('quiet-01');
  await form.getByRole('button', { name: 'Create stopped', exact: true }).click();
  await expectState(page, 'quiet-01', 'stopped');
  await expectList(page, [DEMO[0], DEMO[1], ['quiet-01', 'stopped'], DEMO[2]]);
  assert.equal(await action(page, 'Start', 'quiet-01').isDisabled(), false);
  assert.equal(await action(page, 'Stop', 'quiet-01').isDisabled(), true);
  await expectText(summary(page), '4 VMs: 1 running, 1 paused, 2 stopped.');
  assert.equal(await field(form, 'Name').inputValue(), '');
});

e2e('an empty name is refused by Create and by Create stopped, and focus goes to the name', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);
  const name = field(form, 'Name');
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectInvalid(name, 'name must not be empty');
  await expectFocused(name, 'the Name field');
  await expectNothingAdded(page);
  // The other fields hold valid defaults: not marked.
  for (const label of LABELS.slice(1)) await expectValid(field(form, label));

  await form.getByRole('button', { name: 'Create stopped', exact: true }).click();
  await expectInvalid(name, 'name must not be empty');
  await expectNothingAdded(page);
});

for (const [bad, message] of [
  ['has space', "name may contain only letters, digits, '-', '_' and '.', not a space"],
  ['<script>', "name must start with a letter or digit, not '<'"],
  ['web-01<b>', "name may contain only letters, digits, '-', '_' and '.', not '<'"],
]) {
  e2e(`a name with bad characters (${bad}) is refused with the core's message`, async ({ page, url }) => {
    await openList(page, url);
    const form = createForm(page);
    await field(form, 'Name').fill(bad);
    await form.getByRole('button', { name: 'Create', exact: true }).click();
    await expectInvalid(field(form, 'Name'), message);
    await expectNothingAdded(page);
    // What was typed stays, shown as typed.
    assert.equal(await field(form, 'Name').inputValue(), bad);
    assert.equal(await page.locator('main script, main b').count(), 0);
  });
}

e2e('0 memory is refused with the core\'s message, and only that field is marked', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);
  await fillForm(form, { Name: 'tiny-01', 'Memory (MB)': '0' });
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  const memory = field(form, 'Memory (MB)');
  await expectInvalid(memory, 'memory must be between 1 and 4194304 MB, got 0');
  await expectFocused(memory, 'the Memory field');
  await expectValid(field(form, 'Name'));
  await expectNothingAdded(page);
  assert.equal(await row(page, 'tiny-01').count(), 0);
});

e2e('several bad fields are all marked at once, each with its own message', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);
  await fillForm(form, { Name: 'ok-01', 'Memory (MB)': '0', vCPUs: 'two', 'Disk size (GB)': '' });
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectInvalid(field(form, 'Memory (MB)'), 'memory must be between 1 and 4194304 MB, got 0');
  await expectInvalid(field(form, 'vCPUs'), 'vCPUs must be a whole number, got "two"');
  await expectInvalid(field(form, 'Disk size (GB)'), 'disk size is required');
  // Each message is tied to its own field only.
  assert.ok(!(await describedBy(field(form, 'vCPUs'))).includes('memory'));
  await expectValid(field(form, 'Name'));
  await expectNothingAdded(page);
});

e2e('a duplicate name is refused with "a VM named \'web-01\' already exists"', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);
  const name = field(form, 'Name');
  await name.fill('web-01');
  await field(form, 'Memory (MB)').fill('8192');
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectInvalid(name, "a VM named 'web-01' already exists");
  await expectNothingAdded(page);
  // The existing web-01 is untouched.
  await expectText(row(page, 'web-01'), '2 GB');
  // Changing the name clears the core's refusal at once; a free name then creates.
  await name.fill('web-02');
  await expectValid(name);
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectState(page, 'web-02', 'running');
  await expectText(row(page, 'web-02'), '8 GB');
});

e2e('messages appear only after the first submit, then follow the typing live', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);
  const name = field(form, 'Name');
  const memory = field(form, 'Memory (MB)');

  // Before any submit, bad values are not flagged.
  await name.fill('bad name');
  await memory.fill('0');
  await name.press('Tab');
  assert.equal(await form.locator('[aria-invalid="true"]').count(), 0, 'no field flagged before a submit');
  assert.equal(await fieldErrors(form).count(), 0, 'no message before a submit');

  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectInvalid(name, 'not a space');
  await expectInvalid(memory, 'got 0');

  // From then on, every keystroke re-checks, without another submit.
  await name.fill('');
  await name.pressSequentially('good');
  await expectValid(name);
  await name.press('End');
  await name.press(' ');
  await expectInvalid(name, "name may contain only letters, digits, '-', '_' and '.', not a space");
  await name.press('Backspace');
  await expectValid(name);
  await name.fill('');
  await expectInvalid(name, 'name must not be empty');
  await memory.fill('abc');
  await expectInvalid(memory, 'memory must be a size such as 2048, 512 MB or 1,5 GB, got "abc"');
  await memory.fill('2048');
  await expectValid(memory);
  await name.fill('good-01');
  await expectValid(name);
  assert.equal(await form.locator('[aria-invalid="true"]').count(), 0);
  // Still nothing created until the next submit.
  await expectNothingAdded(page);

  // A successful submit resets the form: bad values are again not flagged until the next submit.
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectState(page, 'good-01', 'running');
  await name.fill('bad again');
  await name.press('Tab');
  assert.equal(await form.locator('[aria-invalid="true"]').count(), 0, 'no field flagged before the next submit');
});

e2e('a VM created while a filter hides it is revealed: the filters are cleared', async ({ page, url }) => {
  await openList(page, url);
  await page.getByLabel('Filter by name', { exact: true }).fill('db');
  await expectList(page, [DEMO[1]]);
  const form = createForm(page);
  await field(form, 'Name').fill('zz-01');
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectState(page, 'zz-01', 'running');
  await row(page, 'zz-01').waitFor({ state: 'visible' });
  assert.equal(await page.getByLabel('Filter by name', { exact: true }).inputValue(), '');
  await expectList(page, [...DEMO, ['zz-01', 'running']]);
});
