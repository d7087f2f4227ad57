// Share links (issue 16): the Share dialog's link and Copy, opening a link in a fresh browser
// with each choice (Replace my VMs, Merge, Cancel, Escape), a damaged, foreign or newer link,
// a link pasted into a tab that has the app open, and ?lang=ru with a link.
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import { DEMO, action, editForm, expectList, expectText, field, openList, waitFor } from './app-helpers.mjs';

const e2e = e2eSuite();

const shareDialog = (page) => page.getByRole('dialog', { name: 'Share this setup' });
const openDialog = (page) => page.getByRole('dialog', { name: 'Open shared setup?' });
const alerts = (page) => page.getByRole('alert');
const fragment = (page) => page.evaluate(() => location.hash);
const names = (page) => page.evaluate(() => vmPlayground.listVms());

/** The teacher's setup: the demo, one VM more with pending changes, and a host of its own. */
const TEACHER = [['build-runner', 'stopped'], ['db-01', 'paused'], ['lab-01', 'running'], ['web-01', 'stopped']];
const TEACHER_HOST = { memory: 32768, cpus: 16, storage: 1000, overcommit: false };

/** Prepares the teacher's setup in `page` and returns its share link, read from the dialog. */
async function teacherLink(page, url) {
  await openList(page, url);
  await page.evaluate((host) => {
    vmPlayground.setHost(host);
    vmPlayground.createVm({ name: 'lab-01', memory: 2048, vcpus: 2, diskPath: '/var/lib/libvirt/images/lab-01.qcow2' });
    vmPlayground.updateVmConfig('lab-01', { name: 'lab-01', memory: 4096, vcpus: 2, diskPath: '/var/lib/libvirt/images/lab-01.qcow2' });
    vmPlayground.stopVm('web-01');
  }, TEACHER_HOST);
  await expectList(page, TEACHER);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = shareDialog(page);
  const field = dialog.getByRole('textbox', { name: 'Share link' });
  const link = await field.inputValue();
  assert.ok(link.startsWith(`${url}#share=1.`), link);
  assert.ok(await field.evaluate((input) => input.readOnly), 'the field is read-only');
  return link;
}

/** A fresh browser context (no storage, no cookies): a student's browser. */
async function freshPage(context, problems, options = {}) {
  const student = await context.browser().newContext(options);
  const page = await student.newPage();
  page.on('pageerror', (error) => problems.push(`student page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`student console error: ${message.text()}`);
  });
  return page;
}

e2e('Copy puts the link on the clipboard', async ({ page, url }) => {
  const link = await teacherLink(page, url);
  const dialog = shareDialog(page);
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expectText(dialog.getByRole('status'), 'The link was copied to the clipboard.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  // Escape closes the dialog; focus returns to the Share button.
  await page.keyboard.press('Escape');
  await waitFor(async () => (await shareDialog(page).count()) === 0, 'the dialog closed');
  await waitFor(() =>
    page.getByRole('button', { name: 'Share', exact: true }).evaluate((button) => button === document.activeElement),
  );
}, { context: { permissions: ['clipboard-read', 'clipboard-write'] } });

e2e('without a clipboard, Copy selects the link to copy by hand', async ({ page, context, url }) => {
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
  });
  const link = await teacherLink(page, url);
  const dialog = shareDialog(page);
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expectText(dialog.getByRole('status'), 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.');
  const selected = await dialog
    .getByRole('textbox', { name: 'Share link' })
    .evaluate((input) => input.value.slice(input.selectionStart, input.selectionEnd));
  assert.equal(selected, link);
});

e2e('a link opened in a fresh browser asks first, and Replace my VMs takes the setup and its host', async ({ page, context, url, problems }) => {
  const link = await teacherLink(page, url);
  const student = await freshPage(context, problems);
  await student.goto(link);
  const dialog = openDialog(student);
  await dialog.getByText('The link holds 4 VMs.').waitFor();
  await dialog.getByText('3 of them have the name of a VM here: merging replaces them.').waitFor();
  await dialog.getByText('Replace my VMs also gives this page the link\'s host: memory 32 GB, CPUs 16, storage pool 1,000 GB. Merge keeps the host here.').waitFor();
  // Nothing changes until the student chooses.
  await expectList(student, DEMO);
  await dialog.getByRole('button', { name: 'Replace my VMs', exact: true }).click();
  await expectList(student, TEACHER);
  const lab = await student.evaluate(() => vmPlayground.getVmInfo('lab-01'));
  assert.equal(lab.config.memory, 2048);
  assert.equal(lab.pending.memory, 4096);
  const host = await student.evaluate(() => vmPlayground.getHostInfo());
  assert.deepEqual([host.memory.total, host.cpus.total, host.storage.total], [32768, 16, 1000]);
  // The choice can be undone, the host with the VMs, and made again.
  await student.evaluate(() => vmPlayground.undo());
  await expectList(student, DEMO);
  const undone = await student.evaluate(() => vmPlayground.getHostInfo());
  assert.deepEqual([undone.memory.total, undone.cpus.total, undone.storage.total], [16384, 8, 500]);
  await student.evaluate(() => vmPlayground.redo());
  await expectList(student, TEACHER);
  assert.equal((await student.evaluate(() => vmPlayground.getHostInfo())).memory.total, 32768);
  // The fragment is gone: a reload does not ask again, and keeps the setup (it was saved).
  assert.equal(await fragment(student), '');
  assert.equal(student.url(), url);
  await student.reload();
  await expectList(student, TEACHER);
  assert.equal(await openDialog(student).count(), 0);
  await student.context().close();
});

e2e('Merge adds the link\'s VMs to the student\'s and replaces those of the same name, as an import merges', async ({ page, context, url, problems }) => {
  const link = await teacherLink(page, url);
  const student = await freshPage(context, problems);
  await openList(student, url);
  await student.evaluate(() => vmPlayground.createVm({ name: 'mine', memory: 512 }));
  const hostBefore = await student.evaluate(() => vmPlayground.getHostInfo());
  // The link pasted into the address bar of the open tab: the fragment changes, no reload.
  await student.evaluate(() => {
    window.notReloaded = true;
  });
  await student.goto(link);
  const dialog = openDialog(student);
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expectList(student, [...TEACHER.slice(0, 3), ['mine', 'running'], TEACHER[3]]);
  assert.equal(await student.evaluate(() => window.notReloaded), true, 'the tab was not reloaded');
  const hostAfter = await student.evaluate(() => vmPlayground.getHostInfo());
  assert.deepEqual(hostAfter.memory.total, hostBefore.memory.total, 'merge keeps the host here');
  assert.equal(await fragment(student), '');
  const log = student.getByRole('region', { name: 'Event log' });
  await log.locator('[data-event-op="import"][data-event-vm="lab-01"]').waitFor();
  await student.context().close();
});

e2e('Cancel and Escape change nothing and remove the fragment', async ({ page, context, url, problems }) => {
  const link = await teacherLink(page, url);
  const student = await freshPage(context, problems);
  await student.goto(link);
  await openDialog(student).getByRole('button', { name: 'Cancel', exact: true }).click();
  await waitFor(async () => (await openDialog(student).count()) === 0, 'the dialog closed');
  assert.equal(await fragment(student), '');
  await expectList(student, DEMO);
  // Again, in the open tab: Escape.
  await student.evaluate((href) => {
    location.hash = new URL(href).hash;
  }, link);
  await openDialog(student).waitFor();
  await student.keyboard.press('Escape');
  await waitFor(async () => (await openDialog(student).count()) === 0, 'the dialog closed');
  await waitFor(async () => (await fragment(student)) === '', 'the fragment went');
  await expectList(student, DEMO);
  await student.reload();
  await expectList(student, DEMO);
  assert.equal(await openDialog(student).count(), 0);
  await student.context().close();
});

e2e('a link that arrives over an open edit: one Escape closes its question alone, and the typing stays', async ({ page, context, url, problems }) => {
  const link = await teacherLink(page, url);
  const student = await freshPage(context, problems);
  await openList(student, url);
  await action(student, 'Edit', 'web-01').click();
  const form = editForm(student);
  await field(form, 'Memory (MB)').fill('3000');
  await student.evaluate((href) => {
    location.hash = new URL(href).hash;
  }, link);
  await openDialog(student).waitFor();
  await student.keyboard.press('Escape');
  await waitFor(async () => (await openDialog(student).count()) === 0, 'the question closed');
  assert.equal(await form.count(), 1, 'the edit is still open');
  assert.equal(await field(form, 'Memory (MB)').inputValue(), '3000');
  await expectList(student, DEMO);
  // The next Escape closes the edit, which is on top now.
  await student.keyboard.press('Escape');
  await waitFor(async () => (await form.count()) === 0, 'the edit closed');
  await student.context().close();
});

e2e('a damaged, foreign or newer link changes nothing and says so', async ({ page, url }) => {
  const link = await teacherLink(page, url);
  await page.keyboard.press('Escape');
  const [base, text] = link.split('#share=');
  const last = text.at(-1) === 'A' ? 'B' : 'A';
  const cases = [
    [`${text.slice(0, -1)}${last}`, 'the link is damaged or cut short (was all of it copied?)'],
    [text.slice(0, 20), 'the link is damaged or cut short (was all of it copied?)'],
    ['hello', 'it is not a VM Playground share link'],
    [`2.${text.slice(2)}`, 'the link is from a newer version of VM Playground (link version 2; this one reads 1): open it with the newer version'],
  ];
  for (const [damaged, reason] of cases) {
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#share=${damaged}`);
    await alerts(page).filter({ hasText: `Nothing was opened from the share link: ${reason}.` }).waitFor();
    assert.equal(await openDialog(page).count(), 0, 'nothing was offered');
    assert.equal(await fragment(page), '');
    await expectList(page, TEACHER);
  }
  // At start-up too.
  await page.goto(`${base}#share=${text.slice(0, -3)}`);
  await alerts(page).filter({ hasText: 'Nothing was opened from the share link: the link is damaged' }).waitFor();
  assert.equal(await fragment(page), '');
  await expectList(page, TEACHER);
});

e2e('?lang=ru and a share link open the question in Russian', async ({ page, context, url, problems }) => {
  const link = await teacherLink(page, url);
  const student = await freshPage(context, problems);
  await student.goto(link.replace('#share=', '?lang=ru#share='));
  const dialog = student.getByRole('dialog', { name: 'Открыть стенд по ссылке?' });
  await dialog.getByText('В ссылке: 4 виртуальные машины.').waitFor();
  await dialog.getByRole('button', { name: 'Объединить', exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Отмена', exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Заменить мои ВМ', exact: true }).click();
  await expectList(student, TEACHER);
  assert.equal(student.url(), `${url}?lang=ru`);
  // The Share dialog in Russian.
  await student.getByRole('button', { name: 'Поделиться', exact: true }).click();
  const share = student.getByRole('dialog', { name: 'Поделиться стендом' });
  const again = await share.getByRole('textbox', { name: 'Ссылка на стенд' }).inputValue();
  assert.equal(again, link, 'the same setup makes the same link');
  await share.getByRole('button', { name: 'Копировать', exact: true }).waitFor();
  await student.context().close();
});
