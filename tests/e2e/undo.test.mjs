// Undo and redo (issue 16): the buttons and their tooltips, the keys, the console's undo and
// redo, the JS API, and the refusal when another tab changed the VM since.
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import { action, eventually, expectList, expectState, openList, row, waitFor, DEMO } from './app-helpers.mjs';

const e2e = e2eSuite();

const undoButton = (page) => page.getByRole('button', { name: 'Undo', exact: true });
const redoButton = (page) => page.getByRole('button', { name: 'Redo', exact: true });
const commandField = (page) => page.getByRole('textbox', { name: 'Command', exact: true });
const output = (page) => page.getByRole('log', { name: 'Console output' });
const events = (page) =>
  page.locator('[data-event-op]').evaluateAll((entries) =>
    entries.map((entry) => [entry.dataset.eventOp, entry.dataset.eventVm, entry.dataset.eventSource]),
  );
const storedRecord = (page, name) => page.evaluate((key) => localStorage.getItem(key), `vm-playground:vm:${name}`);

/** Deletes `name` through its button and the confirmation dialog. */
async function deleteByButton(page, name) {
  await action(page, 'Delete', name).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await row(page, name).waitFor({ state: 'detached' });
}

e2e('a delete is undone by the Undo button, exactly as it was, and redone by Redo', async ({ page, url }) => {
  await openList(page, url);
  assert.equal(await undoButton(page).isDisabled(), true, 'nothing to undo at first');
  assert.equal(await undoButton(page).getAttribute('title'), 'Nothing to undo');
  const before = await page.evaluate(() => vmPlayground.getVmInfo('db-01'));
  await deleteByButton(page, 'db-01');
  await eventually(async () => assert.equal(await undoButton(page).getAttribute('title'), 'Undo: delete db-01'));
  assert.equal(await storedRecord(page, 'db-01'), null);

  await undoButton(page).click();
  await expectList(page, DEMO);
  const after = await page.evaluate(() => vmPlayground.getVmInfo('db-01'));
  assert.deepEqual({ ...after, revision: 0 }, { ...before, revision: 0 }, 'config, state, pending and times as they were');
  assert.ok(after.revision > before.revision, 'an undo is a change: the revision counts on');
  assert.deepEqual(JSON.parse(await storedRecord(page, 'db-01')), after, 'saved');
  // Mirrored in the console as the console's own command, and logged as an undo.
  await eventually(async () => assert.ok((await output(page).textContent()).includes('# undo')));
  await eventually(async () => assert.deepEqual((await events(page))[0], ['undo', 'db-01', 'gui']));
  assert.equal(await undoButton(page).isDisabled(), true);
  assert.equal(await redoButton(page).getAttribute('title'), 'Redo: delete db-01');

  await redoButton(page).click();
  await row(page, 'db-01').waitFor({ state: 'detached' });
  assert.equal(await storedRecord(page, 'db-01'), null);
  assert.equal(await redoButton(page).isDisabled(), true);
});

e2e('Ctrl+Z undoes and Ctrl+Shift+Z and Ctrl+Y redo, but not while typing in a text field', async ({ page, url }) => {
  await openList(page, url);
  await deleteByButton(page, 'build-runner');
  await page.locator('h1').click();
  await page.keyboard.press('Control+z');
  await row(page, 'build-runner').waitFor();
  await page.keyboard.press('Control+Shift+z');
  await row(page, 'build-runner').waitFor({ state: 'detached' });
  await page.keyboard.press('Control+z');
  await row(page, 'build-runner').waitFor();
  await page.keyboard.press('Control+y');
  await row(page, 'build-runner').waitFor({ state: 'detached' });

  // In a text field the keys are the browser's own text undo.
  await commandField(page).click();
  await commandField(page).pressSequentially('list');
  await page.keyboard.press('Control+z');
  assert.equal(await page.evaluate(() => vmPlayground.canUndo()), true, 'not undone');
  assert.equal(await row(page, 'build-runner').count(), 0);
});

e2e('the console undoes and redoes any change, and the JS API too', async ({ page, url }) => {
  await openList(page, url);
  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  await commandField(page).fill('undo');
  await commandField(page).press('Enter');
  await expectState(page, 'web-01', 'running');
  await eventually(async () => assert.ok((await output(page).textContent()).includes('Undone: stop web-01')));
  await eventually(async () => assert.deepEqual((await events(page))[0], ['undo', 'web-01', 'console']));

  // A console command is one change: a reboot is undone whole.
  await commandField(page).fill('redo');
  await commandField(page).press('Enter');
  await expectState(page, 'web-01', 'stopped');
  await commandField(page).fill('undo');
  await commandField(page).press('Enter');
  await expectState(page, 'web-01', 'running');
  await commandField(page).fill('reboot web-01');
  await commandField(page).press('Enter');
  await eventually(async () => assert.ok((await output(page).textContent()).includes("Domain 'web-01' is being rebooted")));
  for (const command of ['undo', 'undo']) {
    await commandField(page).fill(command);
    await commandField(page).press('Enter');
  }
  await eventually(async () => assert.ok((await output(page).textContent()).includes('Undone: reboot web-01')));
  await eventually(async () => assert.ok((await output(page).textContent()).includes('Nothing to undo')));

  // The JS API: what was undone, or null.
  const done = await page.evaluate(() => {
    vmPlayground.createVm({ name: 'lab-07' });
    const undone = vmPlayground.undo();
    return { undone, exists: vmPlayground.listVms().includes('lab-07'), canRedo: vmPlayground.canRedo(), again: vmPlayground.undo() };
  });
  assert.deepEqual(done, { undone: { op: 'create', vm: 'lab-07' }, exists: false, canRedo: true, again: null });
  assert.deepEqual(await page.evaluate(() => vmPlayground.redo()), { op: 'create', vm: 'lab-07' });
  await row(page, 'lab-07').waitFor();
  assert.deepEqual(await page.evaluate(() => new MockVmManager().undo()), null, 'a standalone manager keeps no history');

  // A host change too.
  const host = await page.evaluate(() => {
    const before = vmPlayground.getHostInfo().memory.total;
    vmPlayground.setHost({ memory: 65536 });
    const undone = vmPlayground.undo();
    return { undone, same: vmPlayground.getHostInfo().memory.total === before };
  });
  assert.deepEqual(host, { undone: { op: 'host', vm: '' }, same: true });
});

e2e('an undo is refused when another tab changed the VM since; earlier changes stay undoable', async ({ page, context, url }) => {
  await openList(page, url);
  const other = await context.newPage();
  await openList(other, url);
  await deleteByButton(page, 'build-runner');
  await action(page, 'Pause', 'web-01').click();
  await expectState(page, 'web-01', 'paused');
  // The other tab resumes web-01.
  await expectState(other, 'web-01', 'paused');
  await action(other, 'Resume', 'web-01').click();
  await expectState(page, 'web-01', 'running');

  await undoButton(page).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Could not undo: web-01 was changed in another tab since.' });
  await alert.waitFor();
  await expectState(page, 'web-01', 'running');
  await expectState(other, 'web-01', 'running');
  // The refused change left the history; the delete before it is next.
  await eventually(async () => assert.equal(await undoButton(page).getAttribute('title'), 'Undo: delete build-runner'));
  await eventually(async () => assert.deepEqual((await events(page))[0].slice(0, 2), ['undo', 'web-01']));

  // The JS API throws code "Conflict" the same way.
  await page.evaluate(() => vmPlayground.stopVm('db-01'));
  await other.evaluate(() => vmPlayground.startVm('db-01'));
  await expectState(page, 'db-01', 'running');
  const thrown = await page.evaluate(() => {
    try {
      vmPlayground.undo();
      return null;
    } catch (error) {
      return { code: error.code, message: error.message };
    }
  });
  assert.deepEqual(thrown, { code: 'Conflict', message: 'db-01 was changed in another tab since' });

  await undoButton(page).click();
  await row(page, 'build-runner').waitFor();
  await waitFor(async () => (await storedRecord(other, 'build-runner')) !== null, 'the undone delete saved');
  await row(other, 'build-runner').waitFor();
});

e2e('in Russian the buttons are Отменить and Повторить', async ({ page, url }) => {
  await openList(page, `${url}?lang=ru`);
  await page.getByRole('button', { name: 'Отменить', exact: true }).waitFor();
  await page.evaluate(() => vmPlayground.deleteVm('db-01'));
  const undo = page.getByRole('button', { name: 'Отменить', exact: true });
  await eventually(async () => assert.equal(await undo.getAttribute('title'), 'Отменить: delete db-01'));
  await page.getByRole('button', { name: 'Повторить', exact: true }).waitFor();
});
