// Keyboard-only use, user text shown as text (never HTML), and a 360 px wide screen.
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import {
  DEMO,
  action,
  createForm,
  editForm,
  expectFocused,
  expectList,
  expectState,
  expectText,
  field,
  fillForm,
  isFocused,
  openList,
  pendingNotice,
  row,
  sidewaysOverflow,
} from './app-helpers.mjs';

const e2e = e2eSuite();

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails if it
 * takes more than `max` presses. Returns the number of presses.
 */
async function tabTo(page, target, { back = false, max = 40 } = {}) {
  for (let presses = 1; presses <= max; presses += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await isFocused(target)) return presses;
  }
  const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`${max} presses of ${back ? 'Shift+Tab' : 'Tab'} did not reach the target; focus is on ${active}`);
}

/** Whether the focused element shows a visible focus ring. */
const focusRing = (page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  });

e2e('keyboard only: create a VM, stop it, start it and delete it', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);

  // Tab into the form, type a name and a memory size, press Enter.
  // The Name field comes right after the page header's few buttons in the tab order.
  await tabTo(page, field(form, 'Name'), { max: 8 });
  assert.ok(await focusRing(page), 'the focused field shows a focus ring');
  await page.keyboard.type('kb-01');
  await page.keyboard.press('Tab');
  assert.ok(await isFocused(field(form, 'Memory (MB)')), 'Tab goes from Name to Memory (MB)');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('512');
  await page.keyboard.press('Enter');
  await expectState(page, 'kb-01', 'running');
  await expectText(row(page, 'kb-01'), '512 MB');

  // Stop it: Tab to its Stop button, press Enter.
  const stop = action(page, 'Stop', 'kb-01');
  await tabTo(page, stop);
  assert.ok(await focusRing(page), 'the focused button shows a focus ring');
  await page.keyboard.press('Enter');
  await expectState(page, 'kb-01', 'stopped');

  // Stop is now disabled, so focus moved to the row's first enabled action, Start (not to
  // <body>): press Space.
  const start = action(page, 'Start', 'kb-01');
  await expectFocused(start, 'the Start button');
  await page.keyboard.press(' ');
  await expectState(page, 'kb-01', 'running');

  // Delete it: Tab to Delete, Enter opens the dialog with focus on Cancel; Tab to Delete, Enter.
  await tabTo(page, action(page, 'Delete', 'kb-01'), { max: 10 });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete kb-01?', exact: true });
  await dialog.waitFor();
  await expectFocused(dialog.getByRole('button', { name: 'Cancel', exact: true }), 'Cancel');
  await tabTo(page, dialog.getByRole('button', { name: 'Delete', exact: true }), { max: 2 });
  await page.keyboard.press('Enter');
  await row(page, 'kb-01').waitFor({ state: 'detached' });
  await expectList(page, DEMO);
  // Focus is not dropped on <body>: the keyboard user can go on from the list.
  await expectFocused(page.getByRole('heading', { name: 'Virtual machines' }), 'the list heading');
});

e2e('keyboard only: edit and rename a VM, Escape out of a dialog, open the details', async ({ page, url }) => {
  await openList(page, url);
  // Open the edit dialog of build-runner from the keyboard; focus lands in its first editable field.
  await tabTo(page, action(page, 'Edit', 'build-runner'));
  await page.keyboard.press('Enter');
  const form = editForm(page);
  await form.waitFor();
  await expectFocused(field(form, 'Name'), 'the Name field of the edit form');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('runner-02');
  await page.keyboard.press('Enter');
  await form.waitFor({ state: 'detached' });
  await expectState(page, 'runner-02', 'stopped');

  // The edit dialog of a running VM starts at Memory (the name is read-only); Escape closes it.
  await tabTo(page, action(page, 'Edit', 'web-01'));
  await page.keyboard.press('Enter');
  await expectFocused(field(editForm(page), 'Memory (MB)'), 'the Memory field of the edit form');
  await page.keyboard.press('Escape');
  await editForm(page).waitFor({ state: 'detached' });
  await expectFocused(action(page, 'Edit', 'web-01'), 'the Edit web-01 button');

  // Show details from the keyboard.
  await tabTo(page, page.getByRole('button', { name: 'Show details of db-01', exact: true }), { back: true });
  await page.keyboard.press('Enter');
  await page.getByRole('complementary', { name: 'Details' }).getByRole('heading', { name: 'db-01' }).waitFor();
});

e2e('a disk path of <img src=x onerror=alert(1)> and markup in the ISO path are shown as text', async ({ page, url }) => {
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await openList(page, url);
  const diskPath = '<img src=x onerror=alert(1)>';
  const isoPath = '<script>alert(2)</script><b>bold</b>';
  const form = createForm(page);
  await fillForm(form, { Name: 'xss-01', 'Disk path': diskPath, 'ISO image': isoPath });
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectState(page, 'xss-01', 'running');

  await expectText(row(page, 'xss-01'), isoPath);
  await page.getByRole('button', { name: 'Show details of xss-01', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Details' });
  await expectText(panel, diskPath);
  await expectText(panel, isoPath);

  // The edit dialog holds them as field values, and the pending notice as text.
  await action(page, 'Edit', 'xss-01').click();
  assert.equal(await field(editForm(page), 'Disk path').inputValue(), diskPath);
  await fillForm(editForm(page), { 'Disk path': `${diskPath}2` });
  await editForm(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expectText(pendingNotice(page, 'xss-01'), `disk path ${diskPath} → ${diskPath}2`);

  // After a reload, too.
  await page.reload();
  await row(page, 'xss-01').waitFor();
  await page.getByRole('button', { name: 'Show details of xss-01', exact: true }).click();
  await expectText(panel, diskPath);

  assert.equal(await page.locator('img').count(), 0, 'no <img> element was created');
  assert.equal(await page.locator('body b, body script').count(), 0, 'no markup from user text');
  assert.deepEqual(dialogs, [], 'no alert() fired');
  // (A created <img src=x> would also have requested /vm-playground/x: the harness fails on that.)
});

e2e('at 360 px wide nothing scrolls sideways, with and without a dialog', async ({ page, url }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openList(page, url);
  assert.deepEqual(await sidewaysOverflow(page), [], 'the list');

  // Long unbroken user text: a 64-character name and a long path.
  const long = `a${'b'.repeat(63)}`;
  const form = createForm(page);
  await fillForm(form, {
    Name: long,
    'Disk path': `/var/lib/libvirt/images/${'x'.repeat(120)}.qcow2`,
    'ISO image': `/isos/${'y'.repeat(100)}.iso`,
  });
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectState(page, long, 'running');
  await page.getByRole('button', { name: `Show details of ${long}`, exact: true }).click();
  assert.deepEqual(await sidewaysOverflow(page), [], 'a long name and paths');

  // Refused submit: messages under the fields.
  await fillForm(form, { Name: 'has space', 'Memory (MB)': '0' });
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectText(form, 'not a space');
  assert.deepEqual(await sidewaysOverflow(page), [], 'field messages');

  // The pending notice.
  await action(page, 'Edit', 'web-01').click();
  await fillForm(editForm(page), { 'Memory (MB)': '4096', 'Disk path': `/${'z'.repeat(100)}` });
  assert.deepEqual(await sidewaysOverflow(page), [], 'the edit dialog');
  await editForm(page).getByRole('button', { name: 'Save', exact: true }).click();
  await editForm(page).waitFor({ state: 'detached' });
  await expectText(pendingNotice(page, 'web-01'), 'memory 2 GB → 4 GB');
  assert.deepEqual(await sidewaysOverflow(page), [], 'the pending notice');

  // The edit dialog of the long-named VM: its title and the note under Name hold the name.
  await action(page, 'Edit', long).click();
  await editForm(page).waitFor();
  assert.deepEqual(await sidewaysOverflow(page), [], 'the edit dialog of a long name');
  await page.keyboard.press('Escape');
  await editForm(page).waitFor({ state: 'detached' });

  // A refused console command about a long name, in the console and in the event log.
  const command = page.getByLabel('Command', { exact: true });
  await command.fill(`start ${'q'.repeat(80)}`);
  await command.press('Enter');
  await expectText(page.getByRole('region', { name: 'Event log' }), 'q'.repeat(80));
  assert.deepEqual(await sidewaysOverflow(page), [], 'a refused command about a long name');

  // The delete confirmation of the long-named VM.
  await action(page, 'Delete', long).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.deepEqual(await sidewaysOverflow(page), [], 'the delete dialog');
  const box = await dialog.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 360, `the dialog fits: ${JSON.stringify(box)}`);
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await sidewaysOverflow(page), [], 'after closing the dialog');

  // The empty-filter state.
  await page.getByLabel('Filter by name', { exact: true }).fill('nothing-matches-this');
  await page.getByRole('button', { name: 'Clear filters' }).waitFor();
  assert.deepEqual(await sidewaysOverflow(page), [], 'the no-match state');
});
